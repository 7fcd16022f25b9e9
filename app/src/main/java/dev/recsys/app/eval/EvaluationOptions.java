package dev.recsys.app.eval;

import dev.recsys.config.CliArgs;
import dev.recsys.config.UsageException;
import dev.recsys.model.ModelConfig;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The command line of the offline evaluation.
 *
 * @param data       a MovieLens 100k directory (or one the synthetic generator wrote)
 * @param split      uN (MovieLens' own uN.base / uN.test) or random:FRACTION (that fraction of u.data as test)
 * @param config     the model configuration, overrides applied
 * @param json       where to write the figures as JSON; nullable
 * @param seed       seeds the random split and the validation slice
 * @param validation fraction of the training part held out for validation loss and early stopping
 * @param threads    native (ND4J) threads
 * @param predictions where to write every train, validation and test prediction as CSV; nullable
 */
public record EvaluationOptions(Path data, String split, ModelConfig config, Path json, long seed,
                                double validation, int threads, Path predictions) {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: train evaluate --data DIR [--split uN|random:FRACTION] [--epochs E] [--config study|default]",
            "                      [--json FILE] [--predictions FILE] [--seed S] [--validation FRACTION] [--threads N]",
            "                      [--set KEY=VALUE ...]",
            "  --data DIR        MovieLens 100k directory (u.data, u.item, u1.base..u5.test) or synthetic output",
            "  --split           u1..u5 (MovieLens' own folds, default u1) or random:0.2 (seeded 80/20 of u.data)",
            "  --epochs E        maximum epochs (default: the config's)",
            "  --config          study: the study's settings; default: the tuned model (default)",
            "  --json FILE       also write the figures as JSON",
            "  --predictions F   also write each train, validation and test rating with its prediction as CSV",
            "  --seed S          seeds the split, the validation slice and the model (default 42)",
            "  --validation F    fraction of the training part held out for validation (default 0.05)",
            "  --threads N       native threads for ND4J (default 1: faster than more for this model's small matrices)",
            "  --set KEY=VALUE   override one hyperparameter (e.g. learning_rate=0.002), for experiments");

    private static final Set<String> FLAGS = Set.of("data", "split", "config", "epochs", "json", "predictions",
            "seed", "validation", "threads", "set");

    /** @throws IllegalArgumentException with a one-line reason for a usage error */
    public static EvaluationOptions parse(String... args) {
        CliArgs cli;
        try {
            cli = CliArgs.parse(args, FLAGS, Set.of("help"));
        } catch (UsageException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (cli.has("help")) {
            throw new HelpRequested();
        }
        if (!cli.has("data")) {
            throw new IllegalArgumentException("--data DIR is required");
        }
        Path data = Path.of(cli.get("data"));
        String split = cli.has("split") ? checkSplit(cli.get("split")) : "u1";
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String value : cli.all("set")) {
            int eq = value.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set expects KEY=VALUE, got '" + value + "'");
            }
            overrides.put(value.substring(0, eq).trim(), value.substring(eq + 1).trim());
        }
        ModelConfig config = ModelConfig.named(cli.get("config", "default"));
        if (!overrides.isEmpty()) {
            config = config.with(overrides);
        }
        if (cli.has("epochs")) {
            config = config.withEpochs(positiveInt("--epochs", cli.get("epochs")));
        }
        long seed = 42L;
        if (cli.has("seed")) {
            seed = parseLong("--seed", cli.get("seed"));
            config = config.withSeed(seed);
        }
        double validation = cli.has("validation") ? fraction("--validation", cli.get("validation")) : 0.05;
        int threads = cli.has("threads") ? positiveInt("--threads", cli.get("threads")) : 1;
        return new EvaluationOptions(data, split, config, path(cli, "json"), seed, validation, threads,
                path(cli, "predictions"));
    }

    private static Path path(CliArgs cli, String flag) {
        return cli.has(flag) ? Path.of(cli.get(flag)) : null;
    }

    /** The test fraction of a random:F split, or NaN for a uN split. */
    double randomTestFraction() {
        return split.startsWith("random:") ? Double.parseDouble(split.substring("random:".length())) : Double.NaN;
    }

    private static String checkSplit(String value) {
        if (value.matches("u[1-5]")) {
            return value;
        }
        if (value.startsWith("random:")) {
            fraction("--split random:", value.substring("random:".length()));
            return value;
        }
        throw new IllegalArgumentException("--split must be u1..u5 or random:FRACTION, got '" + value + "'");
    }

    private static int positiveInt(String flag, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n <= 0) {
                throw new IllegalArgumentException(flag + " must be > 0, got " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " expects a whole number, got '" + value + "'");
        }
    }

    private static long parseLong(String flag, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " expects a whole number, got '" + value + "'");
        }
    }

    private static double fraction(String flag, String value) {
        try {
            double f = Double.parseDouble(value);
            if (!(f > 0 && f < 1)) {
                throw new IllegalArgumentException(flag + " must be a fraction in (0, 1), got " + value);
            }
            return f;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " expects a fraction such as 0.2, got '" + value + "'");
        }
    }

    /** --help: print the usage, exit 0. */
    static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super("help", null, false, false);
        }
    }
}
