package dev.recsys.app.eval;

import dev.recsys.common.cli.Cli;
import dev.recsys.ingest.synth.SyntheticMovieLens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvaluateMainTest {
    private static final String[] TABLE_ROWS = {"global mean", "user+movie bias", "most popular",
        "item-kNN (cosine)", "hybrid (default)"};

    @TempDir
    static Path dir;
    /** One evaluation of the default model on a small synthetic MovieLens, shared by the tests that read it. */
    private static Run evaluation;
    private static String json;

    @BeforeAll
    static void evaluateOnSyntheticData() throws Exception {
        SyntheticMovieLens.write(dir.resolve("synth"), 300, 400, 20_000, 42);
        Path file = dir.resolve("out/eval.json");
        evaluation = run("--data", dir.resolve("synth").toString(), "--split", "random:0.2", "--epochs", "6",
                "--set", "ranking_epochs=10", "--json", file.toString());
        assertThat(evaluation.code).as(evaluation.err).isZero();
        json = Files.readString(file);
    }

    @Test
    void trainedModelBeatsTheGlobalMeanByTheGeneratorsMargin() {
        double mse = number(json, "mse");

        assertThat(mse).isLessThan((1 - SyntheticMovieLens.BIAS_BASELINE_MARGIN) * number(json, "mse_global_mean"));
        assertThat(number(json, "rmse")).isCloseTo(Math.sqrt(mse), within(1e-9));
    }

    @Test
    void printsOneTableWithTheBaselinesAndTheModel() {
        for (String row : TABLE_ROWS) {
            assertThat(evaluation.out.lines().filter(l -> l.startsWith(row)).count()).as(row).isEqualTo(1);
        }
        assertThat(evaluation.out).contains("NDCG@10", "validation loss of the ensemble", "ranking network: ",
                "blend weight ");
    }

    @Test
    void theRankingBaselinesHaveTopTenFiguresAndNoRatingFigures() {
        for (String row : new String[] {"most popular", "item-kNN (cosine)"}) {
            String line = evaluation.out.lines().filter(l -> l.startsWith(row)).findFirst().orElseThrow();
            String[] cells = line.substring(26).trim().split("\\s+");
            // MSE, RMSE, MAE, acc@2.5 are not figures of a ranking; P@10, R@10, NDCG@10 are
            assertThat(cells).as(row).hasSize(7);
            assertThat(new String[] {cells[0], cells[1], cells[2], cells[3]}).as(row).containsOnly("-");
            for (int c = 4; c < 7; c++) {
                assertThat(Double.parseDouble(cells[c])).as("%s column %d", row, c).isBetween(0.0, 1.0);
            }
        }
    }

    @Test
    void theJsonHasTheBaselinesAndTheBlend() {
        for (String key : new String[] {"mse", "rmse", "mae", "accuracy", "precision_at_10", "recall_at_10",
            "ndcg_at_10", "train_seconds", "epochs", "mse_global_mean", "mse_bias", "precision_at_10_popularity",
            "recall_at_10_popularity", "ndcg_at_10_popularity", "precision_at_10_itemknn", "recall_at_10_itemknn",
            "ndcg_at_10_itemknn", "blend_weight", "ranking_epochs"}) {
            assertThat(json).contains("\"" + key + "\": ");
        }
        assertThat(number(json, "ndcg_at_10_popularity")).isBetween(0.0, 1.0);
        assertThat(number(json, "ndcg_at_10_itemknn")).isBetween(0.0, 1.0);
        assertThat(number(json, "ndcg_at_10")).isGreaterThan(0);
        assertThat(number(json, "blend_weight")).isGreaterThanOrEqualTo(0);
        assertThat(number(json, "ranking_epochs")).isBetween(1.0, 10.0);
    }

    @Test
    void printsAProgressLinePerEpochOfEachMember() {
        assertThat(number(json, "members")).isEqualTo(2.0);
        for (String member : new String[] {"member 1/2  epoch ", "member 2/2  epoch "}) {
            assertThat(evaluation.out.lines().filter(l -> l.startsWith(member)).count())
                    .isEqualTo((long) number(json, "epochs"));
        }
    }

    @Test
    void usageErrorsExitWith2AndOneClearLine() {
        Run missing = run("--split", "u1");
        assertThat(missing.code).isEqualTo(2);
        assertThat(missing.err).startsWith("evaluate: Missing required option: '--data=DIR'");

        Run badSplit = run("--data", "x", "--split", "u9");
        assertThat(badSplit.code).isEqualTo(2);
        assertThat(badSplit.err).contains("--split must be u1..u5 or random:FRACTION");

        Run badSet = run("--data", "x", "--set", "learning_rate=fast");
        assertThat(badSet.code).isEqualTo(2);
        assertThat(badSet.err).startsWith("evaluate: --config/--set: ");

        Run unknown = run("--data", "x", "--epoch", "3");
        assertThat(unknown.code).isEqualTo(2);
        assertThat(unknown.err).startsWith("evaluate: Unknown options: '--epoch', '3'").contains("--epochs");

        Run noValue = run("--data", "--split", "u2");
        assertThat(noValue.code).isEqualTo(2);
        assertThat(noValue.err).startsWith("evaluate: Expected parameter for option '--data' but found '--split'");

        Run badEpochs = run("--data", "x", "--epochs", "0");
        assertThat(badEpochs.code).isEqualTo(2);
        assertThat(badEpochs.err).startsWith("evaluate: --epochs must be > 0, got 0");
    }

    @Test
    void helpPrintsTheUsageAndExitsWith0() {
        for (String help : new String[] {"--help", "-h"}) {
            Run run = run(help);
            assertThat(run.code).isZero();
            assertThat(run.out).startsWith("Usage: evaluate [-h]").contains(" --data=DIR ", "--split=uN|random:FRACTION");
        }
    }

    @Test
    void missingDataFailsWithExitCode1() {
        Run run = run("--data", dir.resolve("nothing-here").toString(), "--split", "u1");
        assertThat(run.code).isEqualTo(1);
        assertThat(run.err).contains("u1.base");
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": ([-0-9.eE]+)").matcher(json);
        assertThat(m.find()).as("key %s in %s", key, json).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Cli.commandLine(new EvaluateMain());
        commandLine.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        commandLine.getOut().flush();
        return new Run(code, out.toString(), err.toString());
    }
}
