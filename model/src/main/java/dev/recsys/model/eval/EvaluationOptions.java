package dev.recsys.model.eval;

import dev.recsys.model.ModelConfig;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /** @throws IllegalArgumentException with a one-line reason for a usage error */
    public static EvaluationOptions parse(String... args) {
        Path data = null;
        String split = "u1";
        String configName = "default";
        Integer epochs = null;
        Path json = null;
        Path predictions = null;
        Long seed = null;
        double validation = 0.05;
        int threads = 1;
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new HelpRequested();
            }
            String value = valueOf(args, i++);
            switch (flag) {
                case "--data" -> data = Path.of(value);
                case "--split" -> split = checkSplit(value);
                case "--config" -> configName = value;
                case "--epochs" -> epochs = positiveInt(flag, value);
                case "--json" -> json = Path.of(value);
                case "--predictions" -> predictions = Path.of(value);
                case "--seed" -> seed = parseLong(flag, value);
                case "--validation" -> validation = fraction(flag, value);
                case "--threads" -> threads = positiveInt(flag, value);
                case "--set" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--set expects KEY=VALUE, got '" + value + "'");
                    }
                    overrides.put(value.substring(0, eq).trim(), value.substring(eq + 1).trim());
                }
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (data == null) {
            throw new IllegalArgumentException("--data DIR is required");
        }
        ModelConfig config = ModelConfig.named(configName);
        if (!overrides.isEmpty()) {
            config = config.with(overrides);
        }
        if (epochs != null) {
            config = config.withEpochs(epochs);
        }
        long s = seed == null ? 42L : seed;
        if (seed != null) {
            config = config.withSeed(s);
        }
        return new EvaluationOptions(data, split, config, json, s, validation, threads, predictions);
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

    private static String valueOf(String[] args, int i) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            throw new IllegalArgumentException(args[i] + " needs a value");
        }
        return args[i + 1];
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
