package dev.recsys.app.eval;

import dev.recsys.model.EpochListener;
import dev.recsys.model.FastScorer;
import dev.recsys.model.HeldOut;
import dev.recsys.model.History;
import dev.recsys.model.HybridModel;
import dev.recsys.model.ModelConfig;
import dev.recsys.model.ModelMetrics;
import dev.recsys.model.ModelTrainer;
import dev.recsys.model.RankingMetrics;
import dev.recsys.model.RatingData;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains on the training part of a split, evaluates on its test part, beside the baselines, all in one protocol:
 * each user is read from what they rated before the test part (training and validation ratings), and the lists come
 * from the same {@link FastScorer#recommend} path the streams app serves.
 */
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
        ModelConfig config = forSplit(options.config());
        List<EvaluationResult.Epoch> epochs = Collections.synchronizedList(new ArrayList<>());
        List<EvaluationResult.RankingEpoch> rankingEpochs = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        HybridModel model = ModelTrainer.train(train, HeldOut.byUser(train, split.validation()), split.genreMasks(),
                config, null,
                new EpochListener.PerMember() {
                    @Override
                    public void onMemberEpoch(int member, int members, int epoch, double trainLoss,
                                              double validationLoss, double seconds) {
                        epochs.add(new EvaluationResult.Epoch(member, epoch, trainLoss, validationLoss, seconds));
                        progress.onMemberEpoch(member, members, epoch, trainLoss, validationLoss, seconds);
                    }

                    @Override
                    public void onRankingEpoch(int epoch, int maxEpochs, double trainLoss, double ndcg,
                                               double seconds) {
                        rankingEpochs.add(new EvaluationResult.RankingEpoch(epoch, trainLoss, ndcg, seconds));
                        progress.onRankingEpoch(epoch, maxEpochs, trainLoss, ndcg, seconds);
                    }
                });
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        // what each user had rated before the test part: the model reads users from it, as streams does
        Map<Integer, History> before = History.byUser(train, split.validation());
        if (options.predictions() != null) {
            writePredictions(options.predictions(), model, split, before);
        }
        FastScorer scorer = FastScorer.of(model);
        RankingMetrics.Result ranking = RankingMetrics.evaluate(
                (user, history, k) -> scorer.recommend(history, k).movieIds(), before, test, K);

        BiasBaseline bias = BiasBaseline.fitChoosingLambda(train, split.validation(), BIAS_LAMBDAS);
        Catalogue catalogue = Catalogue.of(train, split.validation());
        RankingMetrics.Result biasRanking = RankingMetrics.evaluate((user, history, k) -> {
            float[] scores = new float[catalogue.size()];
            for (int movie : catalogue.rawIds()) {
                scores[catalogue.column(movie)] = (float) bias.predict(user, movie);
            }
            return catalogue.topUnrated(scores, history, k);
        }, before, test, K);
        RankingMetrics.Result popularity = RankingMetrics.evaluate(new PopularityBaseline(train, split.validation()),
                before, test, K);
        ItemKnnBaseline knn = ItemKnnBaseline.fit(train, split.validation());
        RankingMetrics.Result itemKnn = knn == null ? null : RankingMetrics.evaluate(knn, before, test, K);

        float[] mean = new float[test.size()];
        Arrays.fill(mean, (float) train.meanRating());
        Map<String, Double> globalMean = ModelMetrics.of(mean, test);
        return new EvaluationResult(options.split(), config, train.size(), split.validation().size(),
                test.size(), ModelMetrics.evaluate(model, test, before), ranking, globalMean,
                ModelMetrics.of(bias.predictAll(test), test), biasRanking, bias.lambda(), popularity, itemKnn,
                model.blendWeight(), trainSeconds, List.copyOf(epochs), List.copyOf(rankingEpochs),
                ModelMetrics.evaluate(model, split.validation(), History.byUser(train)));
    }

    /**
     * The config as this protocol can use it: a split's files are in user and movie order, not in time, and its test
     * ratings come from anywhere in a user's time, so a recency to be chosen is fixed at 1 (by rating only).
     */
    static ModelConfig forSplit(ModelConfig config) {
        return config.recencyChosen() ? config.with(Map.of("recency", "1")) : config;
    }

    /**
     * part,user_id,movie_id,rating,prediction for every training, validation and test rating. A test or training
     * rating is predicted from what the user had rated before the test part (a training rating's own rating included,
     * so those predictions are optimistic); a validation rating from the training part alone.
     */
    private static void writePredictions(Path file, HybridModel model, DataSplit split, Map<Integer, History> before) {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("part,user_id,movie_id,rating,prediction\n");
            for (String part : new String[] {"train", "validation", "test"}) {
                RatingData data = switch (part) {
                    case "train" -> split.train();
                    case "validation" -> split.validation();
                    default -> split.test();
                };
                // a validation rating is predicted as in training's validation: from the training part alone
                float[] predicted = model.predict(data, part.equals("validation") ? History.byUser(split.train())
                        : before);
                for (int i = 0; i < data.size(); i++) {
                    out.write(String.format(Locale.ROOT, "%s,%d,%d,%.0f,%.5f%n", part, data.userId(i),
                            data.movieId(i), data.rating(i), predicted[i]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }
}
