package dev.recsys.app.bench;

import dev.recsys.config.CliArgs;
import dev.recsys.config.UsageException;
import dev.recsys.ingest.io.ErrorSink;
import dev.recsys.ingest.io.MovieLensReader;
import dev.recsys.ingest.synth.SyntheticMovieLens;
import dev.recsys.model.FastScorer;
import dev.recsys.model.HybridModel;
import dev.recsys.model.ModelConfig;
import dev.recsys.model.ModelTrainer;
import dev.recsys.model.RatingData;
import dev.recsys.schemas.Genres;
import dev.recsys.schemas.Movie;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.streams.config.StreamsSettings;
import dev.recsys.streams.scoring.FastScorerLoader;
import dev.recsys.streams.scoring.ModelRanker;
import dev.recsys.streams.scoring.ModelScorer;
import dev.recsys.streams.state.UserHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./recsys bench score}: the streams app's per-rating scoring cost. Trains a model on a synthetic
 * MovieLens-sized set, then times, for every user, what the app does per rating: score every movie with
 * {@link FastScorer}, leave out the user's rated movies, select the top 10. Compares with one DL4J forward pass
 * over the same (user, movie) pairs, and checks that both give the same scores. replay_ms_per_rating is the app's
 * cost per rating over the whole set in time order, with the per-user ranking heads it keeps between a user's
 * ratings (history bookkeeping included). Wall-clock figures are medians of passes; cpu_ms_per_user is the thread's
 * CPU time, which load from other processes on the machine inflates much less.
 */
public final class ScoreBench {
    static final String USAGE = """
            usage: recsys bench score [flags]
              --users N --movies N --ratings N   synthetic set size (default 943, 1682, 100000)
              --seed N                           generator and training seed (default 42)
              --epochs N                         training epochs (default 1: the timing does not depend on them)
              --repeats N                        timed passes over all users (default 7; medians are reported)
              --json FILE                        also write the figures as JSON
            """;
    private static final Set<String> FLAGS = Set.of("users", "movies", "ratings", "seed", "epochs", "repeats", "json");
    private static final int TOP_N = 10;

    private ScoreBench() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CliArgs cli;
        try {
            cli = CliArgs.parse(args, FLAGS, Set.of("help"));
        } catch (UsageException e) {
            System.err.println("bench score: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
        if (cli.has("help")) {
            System.out.print(USAGE);
            return 0;
        }
        try {
            Map<String, Object> result = measure(cli.intValue("users", SyntheticMovieLens.DEFAULT_USERS),
                    cli.intValue("movies", SyntheticMovieLens.DEFAULT_MOVIES),
                    cli.intValue("ratings", SyntheticMovieLens.DEFAULT_RATINGS),
                    cli.longValue("seed", SyntheticMovieLens.DEFAULT_SEED), cli.intValue("epochs", 1),
                    cli.intValue("repeats", 7));
            BenchFigures.print(result, cli.get("json"));
            return 0;
        } catch (UsageException e) {
            System.err.println("bench score: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("bench score: " + e.getMessage());
            return 1;
        }
    }

    static Map<String, Object> measure(int users, int movies, int ratings, long seed, int epochs, int repeats)
            throws IOException {
        if (repeats < 1 || epochs < 1) {
            throw new UsageException("--repeats and --epochs must be at least 1");
        }
        Path dir = Files.createTempDirectory("recsys-score-bench-");
        List<RatingEvent> events = new ArrayList<>();
        List<Movie> catalogue;
        try {
            SyntheticMovieLens.write(dir, users, movies, ratings, seed);
            MovieLensReader reader = MovieLensReader.open(dir);
            reader.ratings(events::add, ErrorSink.failFast());
            catalogue = reader.movies(ErrorSink.failFast());
        } finally {
            deleteQuietly(dir);
        }
        Map<Integer, Integer> masks = new HashMap<>();
        catalogue.forEach(m -> masks.put(m.getMovieId(), Genres.mask(m.getGenres())));
        long trainStart = System.nanoTime();
        HybridModel model = ModelTrainer.train(RatingData.from(events), null, masks,
                ModelConfig.defaults().withEpochs(epochs).withSeed(seed), null, null);
        double trainSeconds = (System.nanoTime() - trainStart) / 1e9;
        long buildStart = System.nanoTime();
        FastScorer fast = FastScorer.of(model);
        double buildMs = (System.nanoTime() - buildStart) / 1e6;

        int[] userIds = model.users().rawIds();
        Map<Integer, UserHistory> histories = histories(events);
        ModelScorer serving = FastScorerLoader.scorer(fast);
        ScoreTimings timings = ScoreTimings.of(serving, userIds, histories, TOP_N, repeats);
        double dl4jMs = dl4jForwardMsPerUser(model, userIds, repeats);
        double[] replay = replayMsPerRating(serving, events);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("users", userIds.length);
        out.put("movies", fast.movieCount());
        out.put("ms_per_user", round(timings.medianMsPerUser()));
        out.put("ms_per_user_runs", Arrays.stream(timings.msPerUserRuns()).map(ScoreBench::round).toArray());
        out.put("ms_per_user_p99", round(timings.p99MsPerUser()));
        out.put("cpu_ms_per_user", round(timings.cpuMsPerUser()));
        out.put("dl4j_forward_ms_per_user", round(dl4jMs));
        out.put("speedup_vs_dl4j", round(dl4jMs / timings.medianMsPerUser()));
        out.put("replay_ms_per_rating", round(replay[0]));
        out.put("replay_full_scorings", (long) replay[1]);
        out.put("max_abs_diff", maxAbsDiff(model, serving, userIds));
        out.put("fast_scorer_build_ms", round(buildMs));
        out.put("train_seconds", round(trainSeconds));
        out.put("repeats", repeats);
        out.put("cores", Runtime.getRuntime().availableProcessors());
        return out;
    }

    private static Map<Integer, UserHistory> histories(List<RatingEvent> events) {
        Map<Integer, UserHistory> histories = new HashMap<>();
        for (RatingEvent e : events) {
            histories.merge(e.getUserId(), UserHistory.EMPTY.withRating(e.getMovieId(), e.getRating(),
                    e.getEventTime().toEpochMilli(), 1000), (old, one) -> old.withRating(e.getMovieId(),
                    e.getRating(), e.getEventTime().toEpochMilli(), 1000));
        }
        return histories;
    }

    /**
     * What the app spends per rating over a replay in time order, with its per-user ranking heads
     * ({@link StreamsSettings#DEFAULT_SCORE_CACHE_USERS}): each user's history grows rating by rating as in the app.
     * Returns the mean milliseconds per rating and how many full scorings were needed.
     */
    private static double[] replayMsPerRating(ModelScorer scorer, List<RatingEvent> events) {
        List<RatingEvent> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparing(RatingEvent::getEventTime));
        double best = Double.MAX_VALUE;
        long scorings = 0;
        for (int pass = 0; pass < 3; pass++) {
            ModelRanker ranker = new ModelRanker(TOP_N, StreamsSettings.DEFAULT_SCORE_CACHE_USERS);
            Map<Integer, UserHistory> histories = new HashMap<>();
            long start = System.nanoTime();
            for (RatingEvent e : ordered) {
                UserHistory history = histories.getOrDefault(e.getUserId(), UserHistory.EMPTY)
                        .withRating(e.getMovieId(), e.getRating(), e.getEventTime().toEpochMilli(), 1000);
                histories.put(e.getUserId(), history);
                ranker.rank(scorer, e.getUserId(), history);
            }
            best = Math.min(best, (System.nanoTime() - start) / 1e6 / ordered.size());
            scorings = ranker.scorings();
        }
        return new double[] {best, scorings};
    }

    /** Median over passes of the mean time of one forward pass over every movie for one user. */
    private static double dl4jForwardMsPerUser(HybridModel model, int[] userIds, int repeats) {
        int[] movieIds = model.movies().rawIds();
        int sample = Math.min(100, userIds.length);
        int[] batchUsers = new int[movieIds.length];
        for (int w = 0; w < 10; w++) {
            Arrays.fill(batchUsers, userIds[w % userIds.length]);
            model.predict(batchUsers, movieIds);
        }
        double[] runs = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < sample; i++) {
                Arrays.fill(batchUsers, userIds[i]);
                model.predict(batchUsers, movieIds);
            }
            runs[r] = (System.nanoTime() - start) / 1e6 / sample;
        }
        return ScoreTimings.median(runs);
    }

    /** Largest difference from the DL4J network's own output, over every known user and one unknown. */
    private static double maxAbsDiff(HybridModel model, ModelScorer fast, int[] userIds) {
        int[] movieIds = model.movies().rawIds();
        int[] batchUsers = new int[movieIds.length];
        float[] scores = new float[fast.movieCount()];
        double max = 0;
        int[] users = Arrays.copyOf(userIds, userIds.length + 1);
        users[userIds.length] = Integer.MAX_VALUE;
        for (int user : users) {
            Arrays.fill(batchUsers, user);
            float[] reference = model.predict(batchUsers, movieIds);
            fast.scoreAll(user, scores);
            for (int row = 0; row < movieIds.length; row++) {
                max = Math.max(max, Math.abs(reference[row] - scores[fast.rowOfMovie(movieIds[row])]));
            }
        }
        return max;
    }

    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }

    /** Times the app's per-rating work (score all, leave out rated, top-k) over every user, several passes. */
    record ScoreTimings(double[] msPerUserRuns, double p99MsPerUser, double cpuMsPerUser) {
        static ScoreTimings of(ModelScorer scorer, int[] userIds, Map<Integer, UserHistory> histories, int k,
                               int repeats) {
            ModelRanker ranker = new ModelRanker(k);
            long sink = 0;
            for (int w = 0; w < 3; w++) {
                for (int user : userIds) {
                    sink += ranker.rank(scorer, user, histories.getOrDefault(user, UserHistory.EMPTY)).ids()[0];
                }
            }
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpuStart = threads.getCurrentThreadCpuTime();
            double[] runs = new double[repeats];
            long[] perUser = new long[userIds.length * repeats];
            int n = 0;
            for (int r = 0; r < repeats; r++) {
                long passStart = System.nanoTime();
                for (int user : userIds) {
                    long start = System.nanoTime();
                    sink += ranker.rank(scorer, user, histories.getOrDefault(user, UserHistory.EMPTY)).ids()[0];
                    perUser[n++] = System.nanoTime() - start;
                }
                runs[r] = (System.nanoTime() - passStart) / 1e6 / userIds.length;
            }
            double cpuMs = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6 / ((double) repeats * userIds.length);
            if (sink == 42) {
                System.out.print("");  // keeps the JIT from dropping the work
            }
            Arrays.sort(perUser);
            return new ScoreTimings(runs, perUser[(int) Math.ceil(0.99 * perUser.length) - 1] / 1e6, cpuMs);
        }

        double medianMsPerUser() {
            return median(msPerUserRuns);
        }

        static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }
}
