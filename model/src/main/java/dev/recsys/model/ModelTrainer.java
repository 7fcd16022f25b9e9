package dev.recsys.model;

import dev.recsys.schemas.User;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Trains a {@link HybridModel}: from scratch, or warm-started from an earlier model whose embedding tables are grown
 * for the users and movies it has not seen. Validation loss is computed after each epoch (inference mode, no
 * dropout); with a patience in the config, training stops when it stops improving and the best epoch's weights
 * are kept. The members of an ensemble are trained apart, in parallel, and put together.
 */
public final class ModelTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(ModelTrainer.class);
    // an improvement smaller than this is noise, not a reason to keep training
    private static final double MIN_IMPROVEMENT = 1e-5;

    private ModelTrainer() {
    }

    /**
     * @param train      the ratings to fit; must not be empty
     * @param validation ratings for per-epoch validation loss and early stopping; nullable
     * @param genreMasks raw movie id to genre mask (bit g = genre ordinal g); a movie missing here keeps the warm
     *                   start's mask, or gets UNKNOWN
     * @param warmStart  a model to start from; nullable. Its architecture must match config's.
     * @param listener   told after each epoch; nullable
     */
    public static HybridModel train(RatingData train, RatingData validation, Map<Integer, Integer> genreMasks,
                                    ModelConfig config, HybridModel warmStart, EpochListener listener) {
        return train(train, validation, genreMasks, null, config, warmStart, listener);
    }

    /**
     * As {@link #train(RatingData, RatingData, Map, ModelConfig, HybridModel, EpochListener)}, with the users'
     * demographics for a config with user features (ignored otherwise).
     *
     * @param demographics raw user id to the user's record; nullable. A user missing here has unknown features.
     */
    public static HybridModel train(RatingData train, RatingData validation, Map<Integer, Integer> genreMasks,
                                    Map<Integer, User> demographics, ModelConfig config, HybridModel warmStart,
                                    EpochListener listener) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("no ratings to train on");
        }
        EpochListener epochListener = listener == null ? EpochListener.NONE : listener;
        if (config.members() > 1) {
            return trainEnsemble(train, validation, genreMasks, demographics, config, warmStart, epochListener);
        }
        if (warmStart != null && warmStart.config().members() > 1) {
            warmStart = warmStart.member(0);
        }
        return trainOne(train, validation, genreMasks, demographics, config, warmStart,
                (epoch, trainLoss, validationLoss, seconds) ->
                        epochListener.onMemberEpoch(1, 1, epoch, trainLoss, validationLoss, seconds));
    }

    /**
     * Trains each member as a network of its own (seed + k), on as many threads as there are processors (up to
     * one per member), warm-started from the matching member of the warm start; then puts them into one graph.
     * Each member keeps its own early stopping. Calls to the listener are serialised.
     */
    private static HybridModel trainEnsemble(RatingData train, RatingData validation, Map<Integer, Integer> genreMasks,
                                             Map<Integer, User> demographics, ModelConfig config,
                                             HybridModel warmStart, EpochListener listener) {
        int n = config.members();
        int threads = Math.max(1, Math.min(n, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "ensemble-member");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<HybridModel>> futures = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                int member = k;
                HybridModel start = warmStart == null ? null
                        : warmStart.member(member % warmStart.config().members());
                EpochListener memberListener = (epoch, trainLoss, validationLoss, seconds) -> {
                    synchronized (listener) {
                        listener.onMemberEpoch(member + 1, n, epoch, trainLoss, validationLoss, seconds);
                    }
                };
                futures.add(pool.submit(() -> {
                    NativeThreads.applyToThisThread();
                    try {
                        return trainOne(train, validation, genreMasks, demographics, config.member(member), start,
                                memberListener);
                    } finally {
                        // the pool's threads end with this training: free their workspaces' off-heap memory now
                        // rather than whenever the garbage collector finds them
                        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
                    }
                }));
            }
            List<HybridModel> members = new ArrayList<>();
            RuntimeException failure = null;
            for (Future<HybridModel> future : futures) {
                try {
                    members.add(future.get());
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException("training a member failed: " + e.getCause(), e.getCause());
                    if (failure == null) {
                        failure = cause;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    futures.forEach(f -> f.cancel(true));
                    throw new IllegalStateException("interrupted while training the ensemble", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return HybridModel.ensemble(members, config, train.meanRating());
        } finally {
            pool.shutdownNow();
        }
    }

    private static HybridModel trainOne(RatingData train, RatingData validation, Map<Integer, Integer> genreMasks,
                                        Map<Integer, User> demographics, ModelConfig config, HybridModel warmStart,
                                        EpochListener epochListener) {
        IdMap users = warmStart == null ? new IdMap() : warmStart.users().copy();
        IdMap movies = warmStart == null ? new IdMap() : warmStart.movies().copy();
        int[] userRows = new int[train.size()];
        int[] movieRows = new int[train.size()];
        float[] ratings = new float[train.size()];
        for (int i = 0; i < train.size(); i++) {
            userRows[i] = users.getOrAdd(train.userId(i));
            movieRows[i] = movies.getOrAdd(train.movieId(i));
            ratings[i] = train.rating(i);
        }
        int[] masks = genreMasks(movies, genreMasks, warmStart);

        Nd4j.getRandom().setSeed(config.seed());
        ComputationGraph graph = ModelFactory.create(config, users.size() + 1, movies.size() + 1,
                train.meanRating());
        if (warmStart != null) {
            WarmStart.copyWeights(warmStart, graph, config);
        }
        if (config.userFeatures()) {
            writeUserFeatures(graph, users, demographics);
        }
        HybridModel model = new HybridModel(graph, users, movies, masks, config);
        fit(model, new Minibatches(userRows, movieRows, ratings, masks, config.seed()), validation, epochListener);
        return model;
    }

    private static void fit(HybridModel model, Minibatches batches, RatingData validation, EpochListener listener) {
        ModelConfig config = model.config();
        ComputationGraph graph = model.graph();
        ValidationSet val = validation == null || validation.size() == 0 ? null : ValidationSet.of(model, validation);
        double best = Double.POSITIVE_INFINITY;
        INDArray bestParams = null;
        WeightAverage average = new WeightAverage();
        int epochsWithoutImprovement = 0;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long start = System.nanoTime();
            // the learning-rate schedule (see ModelFactory) reads the epoch count
            graph.getConfiguration().setEpochCount(epoch - 1);
            double trainLoss = runEpoch(graph, batches, config.batchSize());
            ColdStart.refresh(model);
            INDArray trained = null;
            if (config.averageFrom() > 0 && epoch >= config.averageFrom()) {
                // validate (and keep, if best) the average; training goes on from the epoch's own weights
                trained = graph.params().dup();
                average.add(trained);
                graph.setParams(average.mean());
            }
            double valLoss = val == null ? Double.NaN : val.mse();
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
        ColdStart.refresh(model);
    }

    /** One pass over the shuffled ratings; returns the mean minibatch loss (with dropout, as trained). */
    private static double runEpoch(ComputationGraph graph, Minibatches batches, int batchSize) {
        batches.shuffle();
        double lossSum = 0;
        for (int from = 0; from < batches.size(); from += batchSize) {
            int n = Math.min(batchSize, batches.size() - from);
            graph.fit(batches.batch(from, n));
            lossSum += graph.score() * n;
        }
        return lossSum / batches.size();
    }

    /** Every user's row of the frozen feature table; demographics the trainer now has replace earlier ones. */
    private static void writeUserFeatures(ComputationGraph graph, IdMap users, Map<Integer, User> demographics) {
        float[] table = new float[users.size() * UserFeatures.WIDTH];
        for (int row = 0; row < users.size(); row++) {
            User user = demographics == null ? null : demographics.get(users.rawIdAt(row));
            UserFeatures.write(user, table, row * UserFeatures.WIDTH);
        }
        INDArray features = graph.getLayer(ModelFactory.USER_FEATURES).getParam("W");
        features.get(NDArrayIndex.interval(0, users.size()), NDArrayIndex.all())
                .assign(Nd4j.create(table, new long[] {users.size(), UserFeatures.WIDTH}));
    }

    private static int[] genreMasks(IdMap movies, Map<Integer, Integer> genreMasks, HybridModel warmStart) {
        int[] masks = new int[movies.size()];
        for (int row = 0; row < masks.length; row++) {
            Integer mask = genreMasks == null ? null : genreMasks.get(movies.rawIdAt(row));
            if (mask != null && mask != 0) {
                masks[row] = mask;
            } else if (warmStart != null && warmStart.movies().rowOf(movies.rawIdAt(row)) >= 0) {
                masks[row] = warmStart.genreMaskAt(warmStart.movies().rowOf(movies.rawIdAt(row)));
            } else {
                masks[row] = GenreFeatures.UNKNOWN_MASK;
            }
        }
        return masks;
    }

    /** Validation ratings encoded once as embedding rows (unknown ids go through the cold-start rows). */
    private record ValidationSet(HybridModel model, int[] userRows, int[] movieRows, float[] ratings) {
        static ValidationSet of(HybridModel model, RatingData data) {
            int[] u = new int[data.size()];
            int[] m = new int[data.size()];
            float[] r = new float[data.size()];
            for (int i = 0; i < data.size(); i++) {
                u[i] = model.userRow(data.userId(i));
                m[i] = model.movieRow(data.movieId(i));
                r[i] = data.rating(i);
            }
            return new ValidationSet(model, u, m, r);
        }

        double mse() {
            float[] predicted = model.predictRows(userRows, movieRows);
            double sum = 0;
            for (int i = 0; i < predicted.length; i++) {
                double e = predicted[i] - ratings[i];
                sum += e * e;
            }
            return sum / predicted.length;
        }
    }
}
