package dev.recsys.model.eval;

import dev.recsys.ingest.synth.SyntheticMovieLens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluateMainTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void writeSyntheticData() throws Exception {
        SyntheticMovieLens.write(dir.resolve("synth"), 300, 400, 20_000, 42);
    }

    @Test
    void trainedModelBeatsTheGlobalMeanByTheGeneratorsMargin() throws Exception {
        Path json = dir.resolve("out/eval.json");
        Run run = run("--data", dir.resolve("synth").toString(), "--split", "random:0.2", "--epochs", "8",
                "--json", json.toString());

        assertThat(run.code).as(run.err).isZero();
        String text = Files.readString(json);
        for (String key : new String[] {"mse", "rmse", "mae", "accuracy", "precision_at_10", "recall_at_10",
            "ndcg_at_10", "train_seconds", "epochs", "mse_global_mean", "mse_bias"}) {
            assertThat(text).contains("\"" + key + "\": ");
        }
        double mse = number(text, "mse");
        double globalMean = number(text, "mse_global_mean");
        assertThat(mse).isLessThan((1 - SyntheticMovieLens.BIAS_BASELINE_MARGIN) * globalMean);
        assertThat(number(text, "rmse")).isCloseTo(Math.sqrt(mse), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(number(text, "ndcg_at_10")).isGreaterThan(0);
        // one table, with both baselines and the model, and a progress line per epoch of each member
        assertThat(run.out).contains("global mean", "user+movie bias", "hybrid (default)", "NDCG@10",
                "validation loss of the ensemble");
        assertThat(number(text, "members")).isEqualTo(2.0);
        for (String member : new String[] {"member 1/2  epoch ", "member 2/2  epoch "}) {
            assertThat(run.out.lines().filter(l -> l.startsWith(member)).count())
                    .isEqualTo((long) number(text, "epochs"));
        }
    }

    @Test
    void usageErrorsExitWith2AndOneClearLine() {
        Run missing = run("--split", "u1");
        assertThat(missing.code).isEqualTo(2);
        assertThat(missing.err).startsWith("train evaluate: --data DIR is required").contains("usage:");

        Run badSplit = run("--data", "x", "--split", "u9");
        assertThat(badSplit.code).isEqualTo(2);
        assertThat(badSplit.err).contains("--split must be u1..u5 or random:FRACTION");

        Run badSet = run("--data", "x", "--set", "learning_rate=fast");
        assertThat(badSet.code).isEqualTo(2);

        Run unknown = run("--data", "x", "--epoch", "3");
        assertThat(unknown.code).isEqualTo(2);
        assertThat(unknown.err).startsWith("train evaluate: unknown flag --epoch");

        Run noValue = run("--data", "--split", "u2");
        assertThat(noValue.code).isEqualTo(2);
        assertThat(noValue.err).startsWith("train evaluate: --data needs a value");

        Run badEpochs = run("--data", "x", "--epochs", "0");
        assertThat(badEpochs.code).isEqualTo(2);
        assertThat(badEpochs.err).startsWith("train evaluate: --epochs must be > 0, got 0");
    }

    @Test
    void helpPrintsTheUsageAndExitsWith0() {
        for (String help : new String[] {"--help", "-h"}) {
            Run run = run(help);
            assertThat(run.code).isZero();
            assertThat(run.out).startsWith("usage: train evaluate --data DIR");
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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EvaluateMain.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
