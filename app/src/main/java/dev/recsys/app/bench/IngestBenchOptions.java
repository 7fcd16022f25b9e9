package dev.recsys.app.bench;

import java.nio.file.Path;

/** Flags of {@code bench ingest}. */
record IngestBenchOptions(Path json, Path data, int runs, boolean help) {
    static final String USAGE = "usage: bench ingest [--json FILE] [--runs N] [--data DIR]\n"
            + "  --json FILE  also write the figures as JSON\n"
            + "  --runs N     runs of each side, medians reported after one warm-up run (default 5)\n"
            + "  --data DIR   replay this MovieLens directory instead of the synthetic 100k set";

    static IngestBenchOptions parse(String[] args) {
        Path json = null;
        Path data = null;
        int runs = 5;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                return new IngestBenchOptions(null, null, runs, true);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag.startsWith("--") ? flag + " needs a value"
                        : "unexpected argument '" + flag + "'");
            }
            String value = args[++i];
            switch (flag) {
                case "--json" -> json = Path.of(value);
                case "--data" -> data = Path.of(value);
                case "--runs" -> runs = runs(value);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        return new IngestBenchOptions(json, data, runs, false);
    }

    private static int runs(String value) {
        try {
            int runs = Integer.parseInt(value);
            if (runs >= 1) {
                return runs;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException("--runs: '" + value + "' is not a whole number of at least 1");
    }
}
