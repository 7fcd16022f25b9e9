package dev.recsys.app.bench;

import dev.recsys.config.CliArgs;
import dev.recsys.config.UsageException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Flags of {@code bench online}.
 *
 * @param data     a MovieLens directory; null: the seeded synthetic MovieLens 100k
 * @param ratings  how many ratings to replay, in time order; 0: all
 * @param rate     ratings per second
 * @param json     where to write the figures as JSON; null: nowhere
 */
record OnlineBenchOptions(Path data, long ratings, double rate, String json, boolean help) {
    static final String USAGE = """
            usage: ./recsys bench online [--data DIR] [--ratings N] [--rate R] [--json FILE]
              --data DIR    a MovieLens directory (ml-100k, ml-1m, ml-latest);
                            default: the seeded synthetic MovieLens 100k
              --ratings N   ratings to replay, in time order (default 0 = all)
              --rate R      ratings per second (default 1000)
              --json FILE   also write the figures as JSON
            Replays through the whole stack in one JVM (as ./recsys demo, the trainer retraining as it does there) and
            measures the hit rate at 10 of the live lists: a rating is a hit when its movie was in the list the user's
            previous rating brought. The baseline is a most-popular chart on the same stream.""";

    private static final Set<String> FLAGS = Set.of("data", "ratings", "rate", "json");

    /** @throws UsageException with a one-line reason */
    static OnlineBenchOptions parse(String... args) {
        CliArgs cli = CliArgs.parse(args, FLAGS, Set.of("help"));
        long ratings = cli.longValue("ratings", 0);
        double rate = cli.doubleValue("rate", 1000);
        if (ratings < 0 || !(rate > 0)) {
            throw new UsageException("--ratings must be >= 0 and --rate > 0");
        }
        return new OnlineBenchOptions(cli.has("data") ? Path.of(cli.get("data")) : null, ratings, rate,
                cli.get("json"), cli.has("help"));
    }
}
