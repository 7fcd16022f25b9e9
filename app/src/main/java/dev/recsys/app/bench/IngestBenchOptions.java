package dev.recsys.app.bench;

import dev.recsys.config.CliArgs;
import dev.recsys.config.UsageException;
import java.nio.file.Path;
import java.util.Set;

/** Flags of {@code bench ingest}. */
record IngestBenchOptions(Path json, Path data, int runs, boolean help) {
    static final String USAGE = "usage: bench ingest [--json FILE] [--runs N] [--data DIR]\n"
            + "  --json FILE  also write the figures as JSON\n"
            + "  --runs N     runs of each side, medians reported after one warm-up run (default 5)\n"
            + "  --data DIR   replay this MovieLens directory instead of the synthetic 100k set";

    private static final Set<String> FLAGS = Set.of("json", "data", "runs");

    /** @throws UsageException with a one-line reason */
    static IngestBenchOptions parse(String[] args) {
        CliArgs cli = CliArgs.parse(args, FLAGS, Set.of("help"));
        int runs = cli.intValue("runs", 5);
        if (runs < 1) {
            throw new UsageException("--runs must be at least 1, got " + runs);
        }
        return new IngestBenchOptions(cli.has("json") ? Path.of(cli.get("json")) : null,
                cli.has("data") ? Path.of(cli.get("data")) : null, runs, cli.has("help"));
    }
}
