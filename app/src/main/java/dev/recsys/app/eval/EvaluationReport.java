package dev.recsys.app.eval;

import dev.recsys.model.RankingMetrics;

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
    private static final RankingMetrics.Result NONE = new RankingMetrics.Result(Double.NaN, Double.NaN, Double.NaN, 0);

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
        out.append(row("most popular", null, r.popularityRanking()));
        out.append(row("item-kNN (cosine)", null, r.itemKnnRanking()));
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
        EvaluationResult.RankingEpoch bestRanking = r.bestRankingEpoch();
        if (r.config().ranking()) {
            out.append(String.format(Locale.ROOT, "ranking network: %d epochs%s; blend weight %.2f%n",
                    r.rankingEpochs().size(), bestRanking == null ? "" : String.format(Locale.ROOT,
                            " (best validation NDCG@10 %.4f at epoch %d)", bestRanking.validationNdcg(),
                            bestRanking.epoch()), r.blendWeight()));
        }
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

    /** A table row; a baseline without rating figures, or without ranking figures, shows dashes there. */
    private static String row(String name, Map<String, Double> m, RankingMetrics.Result r) {
        return String.format(Locale.ROOT, "%-26s %7s %7s %7s %9s %7s %7s %8s%n", name,
                fmt(m, m == null ? 0 : m.get("mse")), fmt(m, m == null ? 0 : m.get("rmse")),
                fmt(m, m == null ? 0 : m.get("mae")), fmt(m, m == null ? 0 : m.get("accuracy")),
                fmt(r, r == null ? 0 : r.precision()), fmt(r, r == null ? 0 : r.recall()), fmt(r, r == null ? 0 : r.ndcg()));
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
        Map<String, RankingMetrics.Result> baselines = new java.util.LinkedHashMap<>();
        baselines.put("popularity", r.popularityRanking());
        baselines.put("itemknn", r.itemKnnRanking() == null ? NONE : r.itemKnnRanking());
        for (Map.Entry<String, RankingMetrics.Result> baseline : baselines.entrySet()) {
            fields.add(field("precision_at_10_" + baseline.getKey(), baseline.getValue().precision()));
            fields.add(field("recall_at_10_" + baseline.getKey(), baseline.getValue().recall()));
            fields.add(field("ndcg_at_10_" + baseline.getKey(), baseline.getValue().ndcg()));
        }
        fields.add(field("blend_weight", r.blendWeight()));
        EvaluationResult.RankingEpoch bestRanking = r.bestRankingEpoch();
        fields.add("\"ranking_epochs\": " + r.rankingEpochs().size());
        fields.add(field("validation_ndcg_at_10_ranking", bestRanking == null ? Double.NaN
                : bestRanking.validationNdcg()));
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
