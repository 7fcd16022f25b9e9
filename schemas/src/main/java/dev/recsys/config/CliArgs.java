package dev.recsys.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Command-line flags as {@code --name value} or {@code --name=value}; a flag may repeat where the command allows it.
 * Unknown flags, missing values and stray arguments are usage errors. {@code -h} stands for {@code --help} where
 * the command has that switch.
 */
public final class CliArgs {
    private final Map<String, List<String>> values;

    private CliArgs(Map<String, List<String>> values) {
        this.values = values;
    }

    /** {@code switches} take no value (such as --help). */
    public static CliArgs parse(String[] args, Set<String> flags, Set<String> switches) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") && switches.contains("help")) {
                arg = "--help";
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (switches.contains(name)) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                value = "true";
            } else if (flags.contains(name)) {
                if (value == null) {
                    // "--data --split u2" lost the data directory: the next flag is no value
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = args[++i];
                }
            } else {
                throw new UsageException("unknown flag --" + name);
            }
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return new CliArgs(values);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The last value given for the flag, or null. */
    public String get(String name) {
        List<String> all = values.get(name);
        return all == null ? null : all.get(all.size() - 1);
    }

    /** The last value given for the flag, or the fallback when it was not given. */
    public String get(String name, String fallback) {
        String value = get(name);
        return value != null ? value : fallback;
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public int intValue(String name, int fallback) {
        return number(name, fallback, Integer::parseInt, "an integer");
    }

    public long longValue(String name, long fallback) {
        return number(name, fallback, Long::parseLong, "an integer");
    }

    public double doubleValue(String name, double fallback) {
        return number(name, fallback, Double::parseDouble, "a number");
    }

    private <T> T number(String name, T fallback, Function<String, T> parse, String kind) {
        String value = get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return parse.apply(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be " + kind + ", got '" + value + "'");
        }
    }
}
