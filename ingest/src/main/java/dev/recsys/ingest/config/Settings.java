package dev.recsys.ingest.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads typed values of {@link Option}s from an environment-like map, with errors that name the setting. */
public final class Settings {
    private final Map<String, String> values;

    public Settings(Map<String, String> values) {
        this.values = values;
    }

    /** The environment with each given flag written over its option's variable: flags win. */
    public static Map<String, String> withFlags(Map<String, String> env, Map<String, String> flags,
                                                List<Option> options) {
        Map<String, String> merged = new HashMap<>(env);
        for (Option option : options) {
            if (option.flag() != null && flags.containsKey(option.flag())) {
                merged.put(option.env(), flags.get(option.flag()));
            }
        }
        return merged;
    }

    /** The trimmed value, or null when unset or blank. */
    public String get(Option option) {
        String value = values.get(option.env());
        return value == null || value.isBlank() ? null : value.trim();
    }

    public String get(Option option, String defaultValue) {
        String value = get(option);
        return value == null ? defaultValue : value;
    }

    public double positive(Option option, double defaultValue) {
        String text = get(option);
        if (text == null) {
            return defaultValue;
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option.label() + ": '" + text + "' is not a number");
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option.label() + ": must be a positive number, got " + text);
        }
        return value;
    }

    /** A whole number between min and max; underscores allowed as in 100_000. */
    public long whole(Option option, long defaultValue, long min, long max) {
        String text = get(option);
        if (text == null) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option.label() + ": '" + text + "' is not a whole number");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(option.label() + ": must be between " + min + " and " + max
                    + ", got " + text);
        }
        return value;
    }
}
