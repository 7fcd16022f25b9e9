package dev.recsys.model.eval;

import dev.recsys.model.EpochListener;
import dev.recsys.model.FastScorer;
import dev.recsys.model.HybridModel;
import dev.recsys.model.ModelMetrics;
import dev.recsys.model.ModelTrainer;
import dev.recsys.model.RatingData;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Trains on the training part of a split, evaluates on its test part, beside the two baselines. */
public final class OfflineEvaluation {
    static final int K = 10;
    // shrinkage grid for the bias baseline, chosen on the validation slice
    private static final double[] BIAS_LAMBDAS = {1, 3, 5, 10, 15, 25};

    private OfflineEvaluation() {
    }

    public static EvaluationResult run(EvaluationOptions options, EpochListener progress) {
        DataSplit split = DataSplit.load(options.data(), options.split(), options.validation(), options.seed());
        return run(options, split, progress);
    }

    public static EvaluationResult run(EvaluationOptions options, DataSplit split, EpochListener progress) {
        RatingData train = split.train();
        RatingData test = split.test();
        List<EvaluationResult.Epoch> epochs = new ArrayList<>();
        long start = System.nanoTime();
        HybridModel model = ModelTrainer.train(train, split.validation(), split.genreMasks(), split.users(),
                options.config(), null, new EpochListener.PerMember() {
                    @Override
                    public void onMemberEpoch(int member, int members, int epoch, double trainLoss,
                                              double validationLoss, double seconds) {
                        epochs.add(new EvaluationResult.Epoch(member, epoch, trainLoss, validationLoss, seconds));
                        progress.onMemberEpoch(member, members, epoch, trainLoss, validationLoss, seconds);
                    }
                });
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        if (options.predictions() != null) {
            writePredictions(options.predictions(), model, split);
        }

        // ranking candidates: every movie the model knows; training ratings include the validation slice
        RatingData rated = concat(train, split.validation());
        FastScorer scorer = FastScorer.of(model);
        int[] movies = model.movies().rawIds();
        RankingMetrics.Result ranking = RankingMetrics.evaluate(scorer::scoreAll, movies, rated, test, K);

        BiasBaseline bias = BiasBaseline.fitChoosingLambda(train, split.validation(), BIAS_LAMBDAS);
        RankingMetrics.Result biasRanking = RankingMetrics.evaluate((user, out) -> {
            for (int i = 0; i < movies.length; i++) {
                out[i] = (float) bias.predict(user, movies[i]);
            }
        }, movies, rated, test, K);

        float[] mean = new float[test.size()];
        Arrays.fill(mean, (float) train.meanRating());
        Map<String, Double> globalMean = ModelMetrics.of(mean, test);
        return new EvaluationResult(options.split(), options.config(), train.size(), split.validation().size(),
                test.size(), ModelMetrics.evaluate(model, test), ranking, globalMean,
                ModelMetrics.of(bias.predictAll(test), test), biasRanking, bias.lambda(), trainSeconds, epochs,
                ModelMetrics.evaluate(model, split.validation()));
    }

    /** part,user_id,movie_id,rating,prediction for every training, validation and test rating. */
    private static void writePredictions(Path file, HybridModel model, DataSplit split) {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("part,user_id,movie_id,rating,prediction\n");
            for (String part : new String[] {"train", "validation", "test"}) {
                RatingData data = switch (part) {
                    case "train" -> split.train();
                    case "validation" -> split.validation();
                    default -> split.test();
                };
                float[] predicted = model.predict(data);
                for (int i = 0; i < data.size(); i++) {
                    out.write(String.format(Locale.ROOT, "%s,%d,%d,%.0f,%.5f%n", part, data.userId(i),
                            data.movieId(i), data.rating(i), predicted[i]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    private static RatingData concat(RatingData a, RatingData b) {
        RatingData out = new RatingData(a.size() + b.size());
        for (RatingData part : new RatingData[] {a, b}) {
            for (int i = 0; i < part.size(); i++) {
                out.add(part.userId(i), part.movieId(i), part.rating(i));
            }
        }
        return out;
    }
}
