package dev.recsys.common.cli;

import picocli.CommandLine.Option;

/** {@code -h} and {@code --help}, for every command; a mixin rather than picocli's standard options, which add --version. */
public final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;
}
