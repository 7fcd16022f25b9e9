package dev.recsys.app.demo;

import dev.recsys.config.CliArgs;
import dev.recsys.config.UsageException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The demo's command line.
 *
 * @param data      a MovieLens directory; null: a synthetic MovieLens 100k is generated
 * @param ratings   how many ratings to replay (in time order); 0: all
 * @param rate      ratings per second
 * @param user      the user whose view is shown; null: the most active user of the replayed part
 * @param httpPort  the streams app's HTTP port (taken if free, else any free one)
 * @param linger    seconds to keep serving HTTP after the summary; negative: until Ctrl-C
 */
record DemoOptions(Path data, long ratings, double rate, Integer user, int httpPort, long linger) {

    static final String USAGE = """
            usage: ./recsys demo [--data DIR] [--ratings N] [--rate R] [--user ID] [--http-port P] [--linger S]
              --data DIR      a MovieLens directory (ml-100k, ml-1m, ml-latest); default: a generated synthetic MovieLens 100k
              --ratings N     ratings to replay, in time order (default 20000; 0 = all)
              --rate R        ratings per second (default 250)
              --user ID       whose recommendations to show (default: the most active user of the replayed part)
              --http-port P   the streams app's HTTP port (default 8080, or a free one if taken)
              --linger S      keep serving HTTP for S seconds after the summary (default 20; -1 = until Ctrl-C)""";

    private static final Set<String> FLAGS = Set.of("data", "ratings", "rate", "user", "http-port", "linger");

    /**
     * Null when --help was asked for.
     *
     * @throws UsageException with a one-line reason
     */
    static DemoOptions parse(String... args) {
        CliArgs cli = CliArgs.parse(args, FLAGS, Set.of("help"));
        if (cli.has("help")) {
            return null;
        }
        long ratings = cli.longValue("ratings", 20_000);
        double rate = cli.doubleValue("rate", 250);
        int httpPort = cli.intValue("http-port", 8080);
        if (ratings < 0 || rate <= 0 || httpPort < 0 || httpPort > 65535) {
            throw new UsageException("--ratings must be >= 0, --rate > 0 and --http-port 0..65535");
        }
        return new DemoOptions(cli.has("data") ? Path.of(cli.get("data")) : null, ratings, rate,
                cli.has("user") ? cli.intValue("user", 0) : null, httpPort, cli.longValue("linger", 20));
    }
}
