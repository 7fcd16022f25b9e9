package dev.recsys.ingest;

import java.io.PrintStream;
import java.util.Map;

/** Lets tests in other packages run the CLI with their own environment and streams. */
public final class IngestMainAccess {

    private IngestMainAccess() {
    }

    public static int run(Map<String, String> env, PrintStream out, PrintStream err, String... args) {
        return IngestMain.run(env, out, err, args);
    }
}
