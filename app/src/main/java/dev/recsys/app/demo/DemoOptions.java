package dev.recsys.app.demo;

import java.nio.file.Path;
import java.util.List;

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

    static DemoOptions parse(List<String> args) {
        Path data = null;
        long ratings = 20_000;
        double rate = 250;
        Integer user = null;
        int httpPort = 8080;
        long linger = 20;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new UsageException(null);
            }
            if (i + 1 >= args.size()) {
                throw new UsageException(flag + " needs a value");
            }
            String value = args.get(++i);
            try {
                switch (flag) {
                    case "--data" -> data = Path.of(value);
                    case "--ratings" -> ratings = Long.parseLong(value);
                    case "--rate" -> rate = Double.parseDouble(value);
                    case "--user" -> user = Integer.parseInt(value);
                    case "--http-port" -> httpPort = Integer.parseInt(value);
                    case "--linger" -> linger = Long.parseLong(value);
                    default -> throw new UsageException("unknown flag " + flag);
                }
            } catch (NumberFormatException e) {
                throw new UsageException(flag + ": '" + value + "' is not a number");
            }
        }
        if (ratings < 0 || rate <= 0 || httpPort < 0 || httpPort > 65535) {
            throw new UsageException("--ratings must be >= 0, --rate > 0 and --http-port 0..65535");
        }
        return new DemoOptions(data, ratings, rate, user, httpPort, linger);
    }

    static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }
}
