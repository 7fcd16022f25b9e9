package dev.recsys.app.eval;

import dev.recsys.common.cli.Validated;
import dev.recsys.model.ModelConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

import static dev.recsys.common.cli.Validated.require;

/** The command line of the offline evaluation. */
public final class EvaluationOptions implements Validated {

    @Option(names = "--data", paramLabel = "DIR", required = true,
            description = "A MovieLens 100k directory (u.data, u.item, u1.base..u5.test) or the synthetic generator's.")
    private Path data;

    @Option(names = "--split", paramLabel = "uN|random:FRACTION", defaultValue = "u1",
            description = "u1..u5: MovieLens' own folds; random:0.2: a seeded 80/20 split of u.data "
                    + "(default: ${DEFAULT-VALUE}).")
    private String split;

    @Option(names = "--epochs", paramLabel = "E", description = "Maximum epochs (default: the configuration's).")
    private Integer epochs;

    @Option(names = "--config", paramLabel = "study|default", defaultValue = "default",
            description = "study: the study's settings; default: the tuned model (default: ${DEFAULT-VALUE}).")
    private String configName;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
    private Path json;

    @Option(names = "--predictions", paramLabel = "FILE",
            description = "Also write each train, validation and test rating with its prediction as CSV.")
    private Path predictions;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seeds the split, the validation slice and the model (default: 42).")
    private Long seed;

    @Option(names = "--validation", paramLabel = "FRACTION", defaultValue = "0.05",
            description = "The fraction of the training part held out for validation (default: ${DEFAULT-VALUE}).")
    private double validation;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Native threads for ND4J: one is the fastest for this model's small matrices "
                    + "(default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one hyperparameter (such as learning_rate=0.002), for experiments; repeatable.")
    private Map<String, String> overrides = new LinkedHashMap<>();

    @Override
    public void validate() {
        require(split.matches("u[1-5]") || split.startsWith("random:") && isFraction(split.substring(7)),
                "--split must be u1..u5 or random:FRACTION with a fraction in (0, 1), got '" + split + "'");
        require(epochs == null || epochs > 0, "--epochs must be > 0, got " + epochs);
        require(validation > 0 && validation < 1, "--validation must be a fraction in (0, 1), got " + validation);
        require(threads > 0, "--threads must be > 0, got " + threads);
        config();
    }

    private static boolean isFraction(String text) {
        try {
            double f = Double.parseDouble(text);
            return f > 0 && f < 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The model configuration: the named one with --set, --epochs and --seed applied. */
    public ModelConfig config() {
        ModelConfig config;
        try {
            config = ModelConfig.named(configName);
            if (!overrides.isEmpty()) {
                config = config.with(overrides);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--config/--set: " + e.getMessage(), e);
        }
        if (epochs != null) {
            config = config.withEpochs(epochs);
        }
        return seed == null ? config : config.withSeed(seed);
    }

    public Path data() {
        return data;
    }

    public String split() {
        return split;
    }

    public Path json() {
        return json;
    }

    public long seed() {
        return seed == null ? 42L : seed;
    }

    public double validation() {
        return validation;
    }

    public int threads() {
        return threads;
    }

    public Path predictions() {
        return predictions;
    }
}
