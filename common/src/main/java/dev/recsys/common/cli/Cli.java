package dev.recsys.common.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How every command of the project is run by picocli: exit code 0 when done or after help, 2 for a usage error
 * (one line saying what is wrong, then where to find help), 1 when the command failed; {@link Validated} settings
 * checked before the command runs; enum values in any case; a repeated flag's last value; and an "Environment"
 * section in each command's help listing the variables its options default to, read from their
 * {@code ${env:NAME:-default}} default values, so that a variable is named once, where the option is.
 */
public final class Cli {
    private static final Logger LOG = LoggerFactory.getLogger(Cli.class);
    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)");
    // a check's message starts with the flag it is about (Validated)
    private static final Pattern FLAG = Pattern.compile("--[a-z0-9-]+");
    private static final String ENVIRONMENT_SECTION = "environment";
    private static final int HELP_WIDTH = 100;

    private Cli() {
    }

    /** Runs the command on the arguments and returns its exit code. */
    public static int run(Object command, String... args) {
        CommandLine commandLine = commandLine(command);
        int exitCode = commandLine.execute(args);
        // picocli's writers buffer what a command printed without a line end; System.exit would lose it
        commandLine.getOut().flush();
        commandLine.getErr().flush();
        return exitCode;
    }

    /** The command (and its subcommands) set up as every command of the project is. */
    public static CommandLine commandLine(Object command) {
        CommandLine commandLine = new CommandLine(command);
        addEnvironmentSection(commandLine);
        return commandLine
                .setCaseInsensitiveEnumValuesAllowed(true)
                // as before picocli: a flag given twice takes its last value, so that a caller can add to defaults
                .setOverwrittenOptionsAllowed(true)
                .setUsageHelpWidth(HELP_WIDTH)
                .setExecutionStrategy(Cli::validateThenRun)
                .setParameterExceptionHandler(Cli::usageError)
                .setExecutionExceptionHandler(Cli::failed);
    }

    /**
     * Fills settings from command-line arguments, for code that starts a service itself (the demo, tests): the same
     * flags, variables, defaults and checks as the command line.
     *
     * @throws ParameterException saying what is wrong, for an argument (or variable) that cannot be used
     */
    public static <T> T parse(T settings, String... args) {
        CommandLine commandLine = commandLine(settings);
        validate(commandLine.parseArgs(args));
        return settings;
    }

    private static int validateThenRun(ParseResult parsed) {
        Integer helpExitCode = CommandLine.executeHelpRequest(parsed);
        if (helpExitCode != null) {
            return helpExitCode;
        }
        validate(parsed);
        return new CommandLine.RunLast().execute(parsed);
    }

    private static void validate(ParseResult parsed) {
        for (CommandLine commandLine : parsed.asCommandLineList()) {
            try {
                validate(commandLine.getCommandSpec());
            } catch (IllegalArgumentException e) {
                Matcher flag = FLAG.matcher(e.getMessage());
                OptionSpec option = flag.lookingAt() ? commandLine.getCommandSpec().findOption(flag.group()) : null;
                throw option == null ? new ParameterException(commandLine, e.getMessage(), e)
                        : new ParameterException(commandLine, e.getMessage(), e, option, null);
            }
        }
    }

    private static void validate(CommandSpec spec) {
        for (CommandSpec mixin : spec.mixins().values()) {
            validate(mixin);
        }
        if (spec.userObject() instanceof Validated settings) {
            settings.validate();
        }
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        String name = commandLine.getCommandSpec().qualifiedName();
        PrintWriter err = commandLine.getErr();
        err.println(name + ": " + e.getMessage() + fromVariable(e.getArgSpec(), args));
        if (UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println();
        }
        if (commandLine.getSubcommands().isEmpty()) {
            err.println("See '" + name + " --help'.");
        } else {
            commandLine.usage(err); // a command of commands: which ones there are is the help wanted
        }
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Where a bad value came from, when it was no flag but a variable: containers set variables only. */
    private static String fromVariable(ArgSpec arg, String[] args) {
        if (!(arg instanceof OptionSpec option)
                || Arrays.stream(args).anyMatch(a -> Arrays.stream(option.names())
                        .anyMatch(n -> a.equals(n) || a.startsWith(n + "=")))) {
            return "";
        }
        String variable = variable(option);
        return variable != null && System.getenv(variable) != null ? " (from " + variable + ")" : "";
    }

    private static int failed(Exception e, CommandLine commandLine, ParseResult parsed) {
        String name = commandLine.getCommandSpec().qualifiedName();
        LOG.error("{} failed", name, e);
        commandLine.getErr().println(name + ": " + e.getMessage());
        commandLine.getErr().flush();
        return commandLine.getCommandSpec().exitCodeOnExecutionException();
    }

    /** The variable an option's default value is read from, or null. */
    static String variable(OptionSpec option) {
        String raw = option.defaultValueString(false);
        Matcher m = ENV.matcher(raw == null ? "" : raw);
        return m.find() ? m.group(1) : null;
    }

    private static void addEnvironmentSection(CommandLine commandLine) {
        Map<String, CommandLine.IHelpSectionRenderer> sections = new LinkedHashMap<>(commandLine.getHelpSectionMap());
        sections.put(ENVIRONMENT_SECTION, Cli::environment);
        List<String> keys = new ArrayList<>(commandLine.getHelpSectionKeys());
        keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING), ENVIRONMENT_SECTION);
        // both setters reach every subcommand
        commandLine.setHelpSectionMap(sections);
        commandLine.setHelpSectionKeys(keys);
    }

    private static String environment(Help help) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (OptionSpec option : help.commandSpec().options()) {
            String variable = variable(option);
            if (variable != null) {
                rows.put(variable, option.longestName());
            }
        }
        kafkaOptions(help.commandSpec(), rows);
        if (rows.isEmpty()) {
            return "";
        }
        return help.createHeading("%nEnvironment (a flag wins over its variable):%n")
                + help.createTextTable(rows).toString();
    }

    private static void kafkaOptions(CommandSpec spec, Map<String, String> rows) {
        for (CommandSpec mixin : spec.mixins().values()) {
            if (mixin.userObject() instanceof KafkaOptions kafka) {
                rows.put(kafka.clientConfigVariable(), "--client-config");
                rows.put(kafka.configVariables(), "--config KEY=VALUE (the key in capitals, '_' for '.')");
            }
            kafkaOptions(mixin, rows);
        }
    }
}
