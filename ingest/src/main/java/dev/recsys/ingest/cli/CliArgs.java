package dev.recsys.ingest.cli;

import dev.recsys.config.UsageException;
import dev.recsys.ingest.config.Option;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses {@code --flag value} and {@code --flag=value} pairs against a command's options. */
public final class CliArgs {

    private CliArgs() {
    }

    /**
     * Parsed by the shared {@link dev.recsys.config.CliArgs}, so every command reads flags alike.
     *
     * @return flag (with its dashes) to value, in the options' order; a repeated flag's last value
     * @throws IllegalArgumentException for an unknown flag, a flag without a value, or a stray word
     */
    public static Map<String, String> parse(String[] args, List<Option> options) {
        Set<String> names = new HashSet<>();
        for (Option option : options) {
            if (option.flag() != null) {
                names.add(name(option));
            }
        }
        dev.recsys.config.CliArgs cli;
        try {
            cli = dev.recsys.config.CliArgs.parse(args, names, Set.of());
        } catch (UsageException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Map<String, String> flags = new LinkedHashMap<>();
        for (Option option : options) {
            if (option.flag() != null && cli.has(name(option))) {
                flags.put(option.flag(), cli.get(name(option)));
            }
        }
        return flags;
    }

    private static String name(Option option) {
        return option.flag().substring(2);
    }

    /** The options as usage lines: flag, value and help, then the environment variable. */
    public static String usage(List<Option> options) {
        StringBuilder text = new StringBuilder();
        for (Option option : options) {
            String left = option.flag() == null ? "(env only)" : option.flag() + " " + option.value();
            text.append(String.format("  %-28s %s  [%s]%n", left, option.help(), option.env()));
        }
        return text.toString();
    }
}
