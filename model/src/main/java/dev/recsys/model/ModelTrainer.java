package dev.recsys.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Trains a {@link HybridModel}: from scratch, or with the rating networks warm-started from an earlier model (their
 * movie tables grown for the movies it has not seen; the ranking network always starts afresh). The rating networks of an ensemble and the ranking network are trained apart, in
 * parallel (one thread each), then put together; with validation data the blend weight of the final score and the
 * recency of the ranking network's input are then chosen on its lists.
 */
public final class ModelTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(ModelTrainer.class);

    private ModelTrainer() {
    }

    /**
     * @param train      the ratings to fit; must not be empty
     * @param validation held-out ratings for the rating networks' per-epoch validation and early stop, and lists for
     *                   the ranking network's early stop, the blend weight and the recency; nullable
     * @param genreMasks raw movie id to genre mask (bit g = genre ordinal g); a movie missing here keeps the warm
     *                   start's mask, or gets UNKNOWN
     * @param warmStart  a model whose rating networks to start from; nullable. Its architecture must match config's.
     * @param listener   told after each epoch, and asked whether to stop there ({@link EpochListener#stopAfterEpoch});
     *                   nullable
     */
    public static HybridModel train(RatingData train, HeldOut validation, Map<Integer, Integer> genreMasks,
                                    ModelConfig config, HybridModel warmStart, EpochListener listener) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("no ratings to train on");
        }
        EpochListener epochs = listener == null ? EpochListener.NONE : listener;
        TrainingSet set = TrainingSet.of(train, genreMasks, warmStart);
        int n = config.members();
        List<Callable<Object>> tasks = new ArrayList<>();
        if (config.ranking()) {
            tasks.add(() -> trainRanking(set, validation, config, epochs));
        }
        for (int k = 0; k < n; k++) {
            int member = k;
            tasks.add(() -> trainRating(set, validation == null ? null : validation.ratings(), config, member,
                    warmStart, epochs));
        }
        List<Object> results = runAll(tasks);
        MultiLayerNetwork ranking = config.ranking() ? (MultiLayerNetwork) results.get(0) : null;
        List<HybridModel> members = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            ComputationGraph graph = (ComputationGraph) results.get(k + (config.ranking() ? 1 : 0));
            members.add(new HybridModel(graph, ranking, set.movies, set.movieGenreMasks(), config.member(k), 0f));
        }
        HybridModel model = n == 1 ? new HybridModel(members.get(0).rating(), ranking, set.movies,
                set.movieGenreMasks(), config, 0f)
                : HybridModel.ensemble(members, ranking, config, set.meanRating, 0f);
        return chooseLists(model, validation, config);
    }

    /** The model with the blend weight and recency its lists are made with: fixed by the config, or chosen. */
    private static HybridModel chooseLists(HybridModel model, HeldOut validation, ModelConfig config) {
        float fixedWeight = (float) Math.max(0, config.blendWeight());
        float fixedRecency = config.recencyChosen() ? 1f : (float) config.recency();
        if (!config.ranking() || (!config.blendChosen() && !config.recencyChosen())) {
            return model.withLists(fixedWeight, fixedRecency);
        }
        if (validation == null || validation.lists().isEmpty()) {
            // nothing to choose on: the ranking network alone, by rating only
            return model.withLists(config.blendChosen() ? 0f : fixedWeight, fixedRecency);
        }
        BlendChoice.Choice choice = BlendChoice.choose(model, validation.lists());
        LOG.debug("blend weight {} and recency {} (validation NDCG@10 by recency {} and weight {}: {})",
                choice.weight(), choice.recency(), java.util.Arrays.toString(choice.recencies()),
                java.util.Arrays.toString(choice.weights()), java.util.Arrays.deepToString(choice.ndcg()));
        return model.withLists(choice.weight(), choice.recency());
    }

    private static ComputationGraph trainRating(TrainingSet set, RatingData validation, ModelConfig config,
                                                int member, HybridModel warmStart, EpochListener listener) {
        ModelConfig single = config.member(member);
        Nd4j.getRandom().setSeed(single.seed());
        ComputationGraph graph = ModelFactory.rating(single, set.movies.size() + 1, set.meanRating);
        if (warmStart != null) {
            WarmStart.copyRating(warmStart.member(member % warmStart.config().members()), graph, single);
        }
        int members = config.members();
        RatingFit.fit(graph, single, set, validation, new EpochListener() {
            @Override
            public void onEpoch(int epoch, double trainLoss, double validationLoss, double seconds) {
                synchronized (listener) {
                    listener.onMemberEpoch(member + 1, members, epoch, trainLoss, validationLoss, seconds);
                }
            }

            @Override
            public boolean stopAfterEpoch(double seconds) {
                synchronized (listener) {
                    return listener.stopAfterEpoch(seconds);
                }
            }
        });
        return graph;
    }

    private static MultiLayerNetwork trainRanking(TrainingSet set, HeldOut validation, ModelConfig config,
                                                  EpochListener listener) {
        // from scratch, also when the rating networks warm-start: a ranking network warm-started from the last one
        // served worse lists (a replay of the synthetic set, retrained every 10,000 ratings: the next rating was in
        // the list 10.8% of the time against 12.3% from scratch), and at 0.2-0.4 s an epoch it is the cheap part
        Nd4j.getRandom().setSeed(config.seed());
        MultiLayerNetwork network = ModelFactory.ranking(config, set.movies.size());
        RankingFit.fit(network, config, set, validation, new EpochListener() {
            @Override
            public void onEpoch(int epoch, double trainLoss, double validationLoss, double seconds) {
            }

            @Override
            public void onRankingEpoch(int epoch, int maxEpochs, double trainLoss, double ndcg, double seconds) {
                synchronized (listener) {
                    listener.onRankingEpoch(epoch, maxEpochs, trainLoss, ndcg, seconds);
                }
            }

            @Override
            public boolean stopAfterEpoch(double seconds) {
                synchronized (listener) {
                    return listener.stopAfterEpoch(seconds);
                }
            }
        });
        return network;
    }

    /**
     * Runs the tasks on a thread each, returns their results in order or throws the first failure. One thread per
     * task, not per processor: on 2 cores the ranking network and two rating networks then end together (26 s on
     * u1) instead of the ranking network first and a rating network after it (33 s).
     */
    private static List<Object> runAll(List<Callable<Object>> tasks) {
        int threads = tasks.size();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "model-training");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<Object> task : tasks) {
                futures.add(pool.submit(() -> {
                    NativeThreads.applyToThisThread();
                    try {
                        return task.call();
                    } finally {
                        // the pool's threads end with this training: free their workspaces' off-heap memory now
                        // rather than whenever the garbage collector finds them
                        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
                    }
                }));
            }
            List<Object> results = new ArrayList<>();
            RuntimeException failure = null;
            for (Future<Object> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException("training failed: " + e.getCause(), e.getCause());
                    if (failure == null) {
                        failure = cause;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    futures.forEach(f -> f.cancel(true));
                    throw new IllegalStateException("interrupted while training", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
