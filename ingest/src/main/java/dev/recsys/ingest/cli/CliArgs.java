package dev.recsys.ingest.cli;

import dev.recsys.ingest.config.Option;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code --flag value} and {@code --flag=value} pairs against a command's options. */
public final class CliArgs {

    private CliArgs() {
    }

    /**
     * @return flag to value, in the order given
     * @throws IllegalArgumentException for an unknown flag, a flag without a value, or a stray word
     */
    public static Map<String, String> parse(String[] args, List<Option> options) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            String flag = name;
            if (options.stream().noneMatch(option -> flag.equals(option.flag()))) {
                throw new IllegalArgumentException("unknown option " + name);
            }
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args[++i];
            }
            flags.put(name, value);
        }
        return flags;
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
