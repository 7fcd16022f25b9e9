package dev.recsys.app.bench;

import dev.recsys.common.TempDirs;
import dev.recsys.common.cli.HelpOption;
import dev.recsys.common.cli.Validated;
import dev.recsys.ingest.io.ErrorSink;
import dev.recsys.ingest.io.MovieLensReader;
import dev.recsys.ingest.synth.SyntheticMovieLens;
import dev.recsys.model.FastScorer;
import dev.recsys.model.HeldOut;
import dev.recsys.model.History;
import dev.recsys.model.HybridModel;
import dev.recsys.model.ModelConfig;
import dev.recsys.model.ModelTrainer;
import dev.recsys.model.RatingData;
import dev.recsys.schemas.Genres;
import dev.recsys.schemas.Movie;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.streams.scoring.ModelRanker;
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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./recsys bench score}: the streams app's per-rating scoring cost. Trains the default model on a synthetic
 * MovieLens-sized set (with a validation slice, so that the blend weight is chosen as in the trainer), then times
 * for every user what the app does per rating: {@link FastScorer#recommend}, the exact top 10 of ranking score +
 * blend weight x predicted rating, the rating networks scoring only the candidates that can reach it. Beside it, a
 * full scoring: both networks over every movie, the blend and the top 10, without the pruning; and the DL4J forward
 * passes of both networks over the same movies. Checks that the arrays equal DL4J's output, and counts the users
 * whose two-stage top 10 equals the full scoring's (two_stage_equal_share). replay_ms_per_rating is
 * the app's cost per rating over the whole set in time order, each user's history growing rating by rating as in
 * the app. Wall-clock figures are medians of passes; cpu figures are the thread's CPU time, which load from other
 * processes on the machine inflates much less.
 */
@Command(name = "score", description = "Top-10 scoring time of the app's per-rating work against DL4J's forward "
        + "passes.")
public final class ScoreBench implements Callable<Integer>, Validated {
    private static final int TOP_N = 10;
    private static final double VALIDATION = 0.05;

    @Mixin
    private HelpOption help;

    @Mixin
    private SyntheticSetOptions set;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Training epochs of the rating networks (default: the model's).")
    private Integer epochs;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "7",
            description = "Timed passes over all users; medians are reported (default: ${DEFAULT-VALUE}).")
    private int repeats;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
    private String json;

    @Override
    public void validate() {
        Validated.require(repeats >= 1, "--repeats must be at least 1, got " + repeats);
        Validated.require(epochs == null || epochs >= 1, "--epochs must be at least 1, got " + epochs);
    }

    @Override
    public Integer call() {
        try {
            Map<String, Object> result = measure(set.users, set.movies, set.ratings, set.seed,
                    epochs == null ? ModelConfig.defaults().epochs() : epochs, repeats);
            BenchFigures.print(result, json);
            return 0;
        } catch (IOException e) {
            System.err.println("bench score: " + e.getMessage());
            return 1;
        }
    }

    static Map<String, Object> measure(int users, int movies, int ratings, long seed, int epochs, int repeats)
            throws IOException {
        Path dir = Files.createTempDirectory("recsys-score-bench-");
        List<RatingEvent> events = new ArrayList<>();
        List<Movie> catalogue;
        try {
            SyntheticMovieLens.write(dir, users, movies, ratings, seed);
            MovieLensReader reader = MovieLensReader.open(dir);
            reader.ratings(events::add, ErrorSink.failFast());
            catalogue = reader.movies(ErrorSink.failFast());
        } finally {
            TempDirs.deleteQuietly(dir);
        }
        Map<Integer, Integer> masks = new HashMap<>();
        catalogue.forEach(m -> masks.put(m.getMovieId(), Genres.mask(m.getGenres())));
        RatingData all = RatingData.from(events);
        RatingData[] parts = split(all, seed);
        System.err.printf("bench score: training the default model on %,d ratings (%,d held out to choose the blend "
                + "weight)...%n", parts[0].size(), parts[1].size());
        long trainStart = System.nanoTime();
        HybridModel model = ModelTrainer.train(parts[0], HeldOut.byUser(parts[0], parts[1]), masks,
                ModelConfig.defaults().withEpochs(epochs).withSeed(seed), null, null);
        double trainSeconds = (System.nanoTime() - trainStart) / 1e9;
        long buildStart = System.nanoTime();
        FastScorer fast = FastScorer.of(model);
        double buildMs = (System.nanoTime() - buildStart) / 1e6;

        Map<Integer, History> histories = History.byUser(all);
        int[] userIds = histories.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        System.err.printf("bench score: timing %d passes over %d users...%n", repeats, userIds.length);
        ScoringCost cost = ScoringCost.measure(fast, histories, userIds, TOP_N, repeats);
        Timings recommend = cost.recommend();
        Timings full = cost.full();
        double dl4jMs = dl4jForwardMsPerUser(model, userIds, histories, repeats);
        double replay = replayMsPerRating(fast, events);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("users", userIds.length);
        out.put("movies", fast.movieCount());
        out.put("blend_weight", (double) fast.blendWeight());
        out.put("ms_per_recommendation", round(recommend.medianMs()));
        out.put("ms_per_recommendation_runs", Arrays.stream(recommend.msRuns()).map(ScoreBench::round).toArray());
        out.put("ms_per_recommendation_p99", round(recommend.p99Ms()));
        out.put("cpu_ms_per_recommendation", round(recommend.cpuMs()));
        out.put("two_stage_equal_share", round(cost.twoStageEqualShare()));
        out.put("ranked_share", round(cost.rankedShare()));
        out.put("predicted_mean", round(cost.predictedMean()));
        out.put("predicted_max", cost.predictedMax());
        out.put("ms_per_full_scoring", round(full.medianMs()));
        out.put("ms_per_full_scoring_runs", Arrays.stream(full.msRuns()).map(ScoreBench::round).toArray());
        out.put("cpu_ms_per_full_scoring", round(full.cpuMs()));
        out.put("dl4j_forward_ms_per_user", round(dl4jMs));
        out.put("speedup_vs_dl4j", round(dl4jMs / full.medianMs()));
        out.put("replay_ms_per_rating", round(replay));
        out.put("max_abs_diff_rating", maxAbsDiffRating(model, fast, userIds, histories));
        out.put("max_abs_diff_ranking", maxAbsDiffRanking(model, fast, userIds, histories));
        out.put("fast_scorer_build_ms", round(buildMs));
        out.put("train_seconds", round(trainSeconds));
        out.put("repeats", repeats);
        out.put("cores", Runtime.getRuntime().availableProcessors());
        return out;
    }

    /** {training, held out}: a seeded 5% slice, as the offline evaluation carves it. */
    private static RatingData[] split(RatingData all, long seed) {
        java.util.Random random = new java.util.Random(seed * 31 + 17);
        RatingData train = new RatingData(all.size());
        RatingData held = new RatingData(all.size() / 10);
        for (int i = 0; i < all.size(); i++) {
            (random.nextDouble() < VALIDATION ? held : train).add(all.userId(i), all.movieId(i), all.rating(i));
        }
        return new RatingData[] {train, held};
    }

    /** The app's cost per rating over a replay in time order, each history growing as in the app. */
    private static double replayMsPerRating(FastScorer scorer, List<RatingEvent> events) {
        List<RatingEvent> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparing(RatingEvent::getEventTime));
        ModelRanker ranker = new ModelRanker(TOP_N);
        double best = Double.MAX_VALUE;
        for (int pass = 0; pass < 3; pass++) {
            Map<Integer, UserHistory> histories = new HashMap<>();
            long start = System.nanoTime();
            for (RatingEvent e : ordered) {
                UserHistory history = histories.getOrDefault(e.getUserId(), UserHistory.EMPTY)
                        .withRating(e.getMovieId(), e.getRating(), e.getEventTime().toEpochMilli(), 1000);
                histories.put(e.getUserId(), history);
                ranker.rank(scorer, history);
            }
            best = Math.min(best, (System.nanoTime() - start) / 1e6 / ordered.size());
        }
        return best;
    }

    /** Median over passes of the mean time of the DL4J forward passes of both networks over every movie for a user. */
    private static double dl4jForwardMsPerUser(HybridModel model, int[] userIds, Map<Integer, History> histories,
                                               int repeats) {
        int sample = Math.min(100, userIds.length);
        for (int w = 0; w < 10; w++) {
            dl4jScores(model, userIds[w % userIds.length], histories);
        }
        double[] runs = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < sample; i++) {
                dl4jScores(model, userIds[i], histories);
            }
            runs[r] = (System.nanoTime() - start) / 1e6 / sample;
        }
        return Timings.median(runs);
    }

    /** Both networks through DL4J for one user: predicted ratings of every movie, and the ranking network's output. */
    private static float[][] dl4jScores(HybridModel model, int user, Map<Integer, History> histories) {
        int[] movieIds = model.movies().rawIds();
        RatingData pairs = new RatingData(movieIds.length);
        for (int movie : movieIds) {
            pairs.add(user, movie, 0f);
        }
        float[] ratings = model.predict(pairs, histories);
        float[] ranking = model.rankingLogSoftmax(histories.get(user));
        return new float[][] {ratings, ranking};
    }

    /** Largest difference of FastScorer's predicted ratings from the DL4J graph's, over every user and movie. */
    private static double maxAbsDiffRating(HybridModel model, FastScorer fast, int[] userIds,
                                           Map<Integer, History> histories) {
        int[] movieIds = model.movies().rawIds();
        RatingData pairs = new RatingData(userIds.length * movieIds.length);
        for (int user : userIds) {
            for (int movie : movieIds) {
                pairs.add(user, movie, 0f);
            }
        }
        float[] reference = model.predict(pairs, histories);
        float[] scores = new float[fast.movieCount()];
        double max = 0;
        int i = 0;
        for (int user : userIds) {
            fast.predictAll(histories.get(user), scores);
            for (int movie : movieIds) {
                max = Math.max(max, Math.abs(reference[i++] - scores[fast.rowOfMovie(movie)]));
            }
        }
        return max;
    }

    /**
     * Largest difference of FastScorer's ranking scores from the ranking network's log-softmax, once the per-user
     * constant (the log-sum-exp, on which no ranking depends) is taken out; over a sample of users.
     */
    private static double maxAbsDiffRanking(HybridModel model, FastScorer fast, int[] userIds,
                                            Map<Integer, History> histories) {
        float[] scores = new float[fast.movieCount()];
        double max = 0;
        for (int i = 0; i < Math.min(100, userIds.length); i++) {
            History history = histories.get(userIds[i]);
            float[] reference = model.rankingLogSoftmax(history);
            fast.rankingScores(history, scores);
            double maxScore = Double.NEGATIVE_INFINITY;
            for (float s : scores) {
                maxScore = Math.max(maxScore, s);
            }
            double sum = 0;
            for (float s : scores) {
                sum += Math.exp(s - maxScore);
            }
            double logSumExp = maxScore + Math.log(sum);
            for (int row = 0; row < scores.length; row++) {
                max = Math.max(max, Math.abs(reference[row] - (scores[row] - logSumExp)));
            }
        }
        return max;
    }

    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
