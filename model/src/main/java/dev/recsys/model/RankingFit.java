package dev.recsys.model;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Random;

/**
 * Trains the ranking network on a training set: minibatches of users, shuffled every epoch. Every few epochs the
 * network makes the validation lists; the weights with the best NDCG@10 are kept, and training stops once it has not
 * improved for a while, or when the listener asks it to (a time budget; the epoch it stops after is validated).
 */
final class RankingFit {
    private static final Logger LOG = LoggerFactory.getLogger(RankingFit.class);
    static final int K = 10;
    /** Epochs between validations: one takes about as long as an epoch. */
    static final int CHECK_EVERY = 5;
    /** Validations without a better NDCG before training stops. */
    static final int PATIENCE = 3;

    private RankingFit() {
    }

    static void fit(MultiLayerNetwork network, ModelConfig config, TrainingSet set, HeldOut validation,
                    EpochListener listener) {
        boolean validate = validation != null && !validation.lists().isEmpty();
        Random random = new Random(config.seed());
        int[] users = new int[set.users()];
        for (int u = 0; u < users.length; u++) {
            users[u] = u;
        }
        double best = Double.NEGATIVE_INFINITY;
        INDArray bestParams = null;
        int checksWithoutImprovement = 0;
        for (int epoch = 1; epoch <= config.rankingEpochs(); epoch++) {
            long start = System.nanoTime();
            double loss = runEpoch(network, set, users, config, random);
            double ndcg = Double.NaN;
            // asked before the validation: the epoch a budget ends on is validated, as the last epoch always is
            boolean stopped = epoch < config.rankingEpochs()
                    && listener.stopAfterEpoch((System.nanoTime() - start) / 1e9);
            boolean stop = stopped;
            if (validate && (epoch % CHECK_EVERY == 0 || epoch == config.rankingEpochs() || stopped)) {
                ndcg = ndcg(network, set, config, validation.lists());
                if (ndcg > best) {
                    best = ndcg;
                    bestParams = network.params().dup();
                    checksWithoutImprovement = 0;
                } else if (++checksWithoutImprovement >= PATIENCE) {
                    stop = true;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            LOG.debug("ranking epoch {}: train loss {}, validation NDCG@10 {}, {} s", epoch, loss, ndcg, seconds);
            listener.onRankingEpoch(epoch, config.rankingEpochs(), loss, ndcg, seconds);
            if (stop) {
                LOG.debug("ranking: {} after epoch {}, best validation NDCG@10 {}",
                        stopped ? "stopped by the listener" : "early stop", epoch, best);
                break;
            }
        }
        if (bestParams != null) {
            network.setParams(bestParams);
        }
    }

    /**
     * The ranking network's NDCG@10 alone (no blend) on the validation lists, at the config's recency when it is
     * fixed, at 1 (by rating only) when it is chosen after training.
     */
    static double ndcg(MultiLayerNetwork network, TrainingSet set, ModelConfig config, List<ListQuery> lists) {
        RankingScorer scorer = new RankingScorer(network, set.movies, config.lowRatingWeight());
        double recency = config.recencyChosen() ? 1 : config.recency();
        float[] scores = new float[set.movies.size()];
        TopK topK = new TopK(K);
        return RankingMetrics.evaluate((user, history, k) -> {
            scorer.scoreAll(history, recency, scores);
            return TopK.unrated(topK, scores, set.movies, history);
        }, lists, K).ndcg();
    }

    private static double runEpoch(MultiLayerNetwork network, TrainingSet set, int[] users, ModelConfig config,
                                   Random random) {
        TrainingSet.shuffle(users, random);
        double lossSum = 0;
        int batch = config.rankingBatchSize();
        for (int from = 0; from < users.length; from += batch) {
            int n = Math.min(batch, users.length - from);
            network.fit(RankingInput.batch(set, java.util.Arrays.copyOfRange(users, from, from + n),
                    config.lowRatingWeight()));
            lossSum += network.score() * n;
        }
        return lossSum / Math.max(1, users.length);
    }
}
