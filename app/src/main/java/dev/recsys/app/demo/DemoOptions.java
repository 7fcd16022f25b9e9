package dev.recsys.app.demo;

import dev.recsys.common.cli.Validated;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import static dev.recsys.common.cli.Validated.require;

/** The demo's command line. */
final class DemoOptions implements Validated {

    @Mixin
    private final ReplayOptions replay = new ReplayOptions(20_000, 250);

    @Option(names = "--user", paramLabel = "ID",
            description = "Whose recommendations to show (default: the most active user of the replayed part).")
    private Integer user;

    @Option(names = "--http-port", paramLabel = "P", defaultValue = "8080",
            description = "The streams app's HTTP port, or a free one if it is taken (default: ${DEFAULT-VALUE}).")
    private int httpPort;

    @Option(names = "--linger", paramLabel = "S", defaultValue = "20",
            description = "Keep serving HTTP for S seconds after the summary; -1: until Ctrl-C "
                    + "(default: ${DEFAULT-VALUE}).")
    private long linger;

    @Override
    public void validate() {
        require(httpPort >= 0 && httpPort <= 65535, "--http-port must be 0..65535, got " + httpPort);
    }

    ReplayOptions replay() {
        return replay;
    }

    /** The user whose view is shown; null: the most active user of the replayed part. */
    Integer user() {
        return user;
    }

    /** The streams app's HTTP port (taken if free, else any free one). */
    int httpPort() {
        return httpPort;
    }

    /** Seconds to keep serving HTTP after the summary; negative: until Ctrl-C. */
    long linger() {
        return linger;
    }
}
