package dev.recsys.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Random;

/**
 * Trains one rating network on a training set. Each rating is a row whose user vector is read from the user's
 * other ratings (the row's own rating is left out of the sum, as it will be unknown when the model predicts), so
 * the network learns to predict from history as it will serve. Rows are shuffled across users every epoch.
 * Validation loss after each epoch (inference mode); with a patience, training stops when it stops improving and the
 * best epoch's weights are kept; with averaging, the average of the end-of-epoch weights is validated and kept.
 * A listener that asks to stop (a time budget) ends training the same way, keeping the best or averaged weights.
 */
final class RatingFit {
    private static final Logger LOG = LoggerFactory.getLogger(RatingFit.class);
    // an improvement smaller than this is noise, not a reason to keep training
    private static final double MIN_IMPROVEMENT = 1e-5;

    private RatingFit() {
    }

    static void fit(ComputationGraph graph, ModelConfig config, TrainingSet set, RatingData validation,
                    EpochListener listener) {
        Validation val = validation == null || validation.size() == 0 ? null : Validation.of(set, validation);
        int[] order = new int[set.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(config.seed());
        double best = Double.POSITIVE_INFINITY;
        INDArray bestParams = null;
        WeightAverage average = new WeightAverage();
        int epochsWithoutImprovement = 0;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long start = System.nanoTime();
            // the learning-rate schedule (see ModelFactory) reads the epoch count
            graph.getConfiguration().setEpochCount(epoch - 1);
            double trainLoss = runEpoch(graph, set, order, config.batchSize(), random);
            ColdStart.refresh(graph, set.movies.size(), config);
            INDArray trained = null;
            if (config.averageFrom() > 0 && epoch >= config.averageFrom()) {
                // validate (and keep, if best) the average; training goes on from the epoch's own weights
                trained = graph.params().dup();
                average.add(trained);
                graph.setParams(average.mean());
            }
            double valLoss = val == null ? Double.NaN : val.mse(graph);
            double seconds = (System.nanoTime() - start) / 1e9;
            LOG.debug("epoch {}: train loss {}, validation loss {}, {} s", epoch, trainLoss, valLoss, seconds);
            listener.onEpoch(epoch, trainLoss, valLoss, seconds);
            boolean stop = false;
            if (val != null && config.patience() > 0) {
                if (valLoss < best - MIN_IMPROVEMENT) {
                    best = valLoss;
                    bestParams = graph.params().dup();
                    epochsWithoutImprovement = 0;
                } else {
                    stop = ++epochsWithoutImprovement >= config.patience();
                }
            }
            if (!stop && epoch < config.epochs() && listener.stopAfterEpoch(seconds)) {
                LOG.debug("stopped after epoch {} of {}: the listener's budget", epoch, config.epochs());
                stop = true;
            }
            if (trained != null) {
                graph.setParams(trained);
            }
            if (stop) {
                LOG.debug("early stop after epoch {}: no better validation loss for {} epochs", epoch,
                        epochsWithoutImprovement);
                break;
            }
        }
        if (bestParams != null) {
            graph.setParams(bestParams);
        } else if (average.count() > 0) {
            graph.setParams(average.mean());
        }
        ColdStart.refresh(graph, set.movies.size(), config);
    }

    /** One pass over the shuffled rows; returns the mean minibatch loss (with dropout, as trained). */
    private static double runEpoch(ComputationGraph graph, TrainingSet set, int[] order, int batchSize,
                                   Random random) {
        TrainingSet.shuffle(order, random);
        double lossSum = 0;
        for (int from = 0; from < order.length; from += batchSize) {
            int n = Math.min(batchSize, order.length - from);
            int[] rows = java.util.Arrays.copyOfRange(order, from, from + n);
            INDArray[] features = RatingInputs.features(rows, set.rowUser, set.tokensByUser, set.rowToken,
                    set.rowMovie, set.genreMasks);
            float[] labels = new float[n];
            for (int i = 0; i < n; i++) {
                labels[i] = set.rowRating[rows[i]];
            }
            graph.fit(new MultiDataSet(features, new INDArray[] {Nd4j.create(labels, new long[] {n, 1})}));
            lossSum += graph.score() * n;
        }
        return lossSum / order.length;
    }

    /** Validation ratings, each user read from their training history, encoded once. */
    private record Validation(int[] rowUser, int[] rowMovie, int[][] tokensByUser, int[] genreMasks,
                              float[] ratings) {
        private static final int BATCH = 4096;

        static Validation of(TrainingSet set, RatingData data) {
            int n = data.size();
            int[] rowUser = new int[n];
            int[] rowMovie = new int[n];
            float[] ratings = new float[n];
            int unknownUser = set.users();
            int[][] tokens = java.util.Arrays.copyOf(set.tokensByUser, set.users() + 1);
            tokens[unknownUser] = new int[0];
            for (int i = 0; i < n; i++) {
                rowUser[i] = set.userIndex.getOrDefault(data.userId(i), unknownUser);
                int row = set.movies.rowOf(data.movieId(i));
                rowMovie[i] = row < 0 ? set.movies.size() : row;
                ratings[i] = data.rating(i);
            }
            return new Validation(rowUser, rowMovie, tokens, set.genreMasks, ratings);
        }

        double mse(ComputationGraph graph) {
            double sum = 0;
            for (int from = 0; from < ratings.length; from += BATCH) {
                int n = Math.min(BATCH, ratings.length - from);
                int[] rows = new int[n];
                for (int i = 0; i < n; i++) {
                    rows[i] = from + i;
                }
                INDArray[] features = RatingInputs.features(rows, rowUser, tokensByUser, null, rowMovie, genreMasks);
                float[] predicted = graph.output(false, features)[0].reshape(n).toFloatVector();
                for (int i = 0; i < n; i++) {
                    double e = dev.recsys.schemas.RatingScale.clamp(predicted[i]) - ratings[from + i];
                    sum += e * e;
                }
            }
            return sum / ratings.length;
        }
    }
}
