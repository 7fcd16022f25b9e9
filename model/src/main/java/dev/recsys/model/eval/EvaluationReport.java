package dev.recsys.model.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** The evaluation as one text table, and as JSON. */
public final class EvaluationReport {
    private EvaluationReport() {
    }

    public static String table(EvaluationResult r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "split %s: %d train (+%d validation), %d test; config %s%n",
                r.split(), r.trainSize(), r.validationSize(), r.testSize(), r.config().variant()));
        out.append(String.format(Locale.ROOT, "%-26s %7s %7s %7s %9s %7s %7s %8s%n",
                "", "MSE", "RMSE", "MAE", "acc@2.5", "P@10", "R@10", "NDCG@10"));
        out.append(row("global mean", r.globalMean(), null));
        out.append(row(String.format(Locale.ROOT, "user+movie bias (l=%.0f)", r.biasLambda()), r.bias(),
                r.biasRanking()));
        out.append(row("hybrid (" + r.config().variant() + ")", r.model(), r.ranking()));
        int members = r.config().members();
        StringJoiner best = new StringJoiner(", ");
        for (int member = 1; member <= members; member++) {
            EvaluationResult.Epoch e = r.bestEpoch(member);
            if (e != null && !Double.isNaN(e.validationLoss())) {
                best.add(String.format(Locale.ROOT, "%.4f at epoch %d", e.validationLoss(), e.epoch()));
            }
        }
        out.append(String.format(Locale.ROOT, "training: %.1f s, %d epochs%s%s; ranking over %d users%n",
                r.trainSeconds(), r.epochsRun(), members > 1 ? " x " + members + " members" : "",
                best.length() == 0 ? "" : " (best validation loss " + best + ")", r.ranking().users()));
        if (members > 1 && r.validationSize() > 0) {
            out.append(String.format(Locale.ROOT, "validation loss of the ensemble: %.4f%n",
                    r.validation().get("mse")));
        }
        for (int member = 1; member <= members; member++) {
            out.append(members > 1 ? "member " + member + " per-epoch loss (train with dropout / validation):"
                    : "per-epoch loss (train with dropout / validation):");
            for (EvaluationResult.Epoch e : r.epochs()) {
                if (e.member() == member) {
                    out.append(String.format(Locale.ROOT, " %d:%.4f/%.4f", e.epoch(), e.trainLoss(),
                            e.validationLoss()));
                }
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }

    private static String row(String name, Map<String, Double> m, RankingMetrics.Result ranking) {
        return String.format(Locale.ROOT, "%-26s %7.4f %7.4f %7.4f %9.4f %7s %7s %8s%n", name, m.get("mse"),
                m.get("rmse"), m.get("mae"), m.get("accuracy"), fmt(ranking, ranking == null ? 0 : ranking.precision()),
                fmt(ranking, ranking == null ? 0 : ranking.recall()), fmt(ranking, ranking == null ? 0 : ranking.ndcg()));
    }

    private static String fmt(Object present, double value) {
        return present == null ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }

    public static String json(EvaluationResult r) {
        List<String> fields = new ArrayList<>();
        fields.add(field("mse", r.model().get("mse")));
        fields.add(field("rmse", r.model().get("rmse")));
        fields.add(field("mae", r.model().get("mae")));
        fields.add(field("accuracy", r.model().get("accuracy")));
        fields.add(field("precision_at_10", r.ranking().precision()));
        fields.add(field("recall_at_10", r.ranking().recall()));
        fields.add(field("ndcg_at_10", r.ranking().ndcg()));
        fields.add(field("train_seconds", r.trainSeconds()));
        fields.add("\"epochs\": " + r.epochsRun());
        fields.add("\"members\": " + r.config().members());
        fields.add(field("validation_mse", r.validation().get("mse")));
        fields.add(field("mse_global_mean", r.globalMean().get("mse")));
        fields.add(field("mse_bias", r.bias().get("mse")));
        fields.add(field("accuracy_bias", r.bias().get("accuracy")));
        fields.add(field("ndcg_at_10_bias", r.biasRanking().ndcg()));
        fields.add("\"split\": " + quote(r.split()));
        fields.add("\"train_size\": " + r.trainSize());
        fields.add("\"validation_size\": " + r.validationSize());
        fields.add("\"test_size\": " + r.testSize());
        StringJoiner config = new StringJoiner(", ", "{", "}");
        for (Map.Entry<String, String> e : r.config().toMap().entrySet()) {
            config.add(quote(e.getKey()) + ": " + quote(e.getValue()));
        }
        fields.add("\"config\": " + config);
        StringJoiner epochs = new StringJoiner(",\n    ", "[\n    ", "\n  ]");
        for (EvaluationResult.Epoch e : r.epochs()) {
            epochs.add(String.format(Locale.ROOT, "{\"member\": %d, \"epoch\": %d, \"train_loss\": %s, "
                    + "\"validation_loss\": %s, \"seconds\": %s}", e.member(), e.epoch(), number(e.trainLoss()),
                    number(e.validationLoss()), number(e.seconds())));
        }
        fields.add("\"epoch_losses\": " + (r.epochs().isEmpty() ? "[]" : epochs.toString()));
        return "{\n  " + String.join(",\n  ", fields) + "\n}\n";
    }

    public static void writeJson(EvaluationResult r, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, json(r));
    }

    private static String field(String name, double value) {
        return quote(name) + ": " + number(value);
    }

    private static String number(double value) {
        // JSON has no NaN; an absent figure (no validation data) is null
        return Double.isFinite(value) ? Double.toString(value) : "null";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
