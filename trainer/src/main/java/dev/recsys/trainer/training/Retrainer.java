package dev.recsys.trainer.training;

import dev.recsys.model.HeldOut;
import dev.recsys.model.History;
import dev.recsys.model.HybridModel;
import dev.recsys.model.ModelCodec;
import dev.recsys.model.ModelConfig;
import dev.recsys.model.ModelMetrics;
import dev.recsys.model.ModelTrainer;
import dev.recsys.model.RankingMetrics;
import dev.recsys.model.RatingData;
import dev.recsys.schemas.ModelUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * One retrain, start to end: warm-start from the published model, train, score the new and the published model on
 * the same validation slice, and publish the new one only when it is not worse. Runs on the training thread; the
 * published model is only ever replaced here.
 */
public final class Retrainer {
    private static final Logger LOG = LoggerFactory.getLogger(Retrainer.class);
    /** Lists are judged at the length the app emits. */
    static final int K = 10;
    static final String NDCG = "ndcg_at_" + K;
    /**
     * At most this many validation ratings judge the lists (each against the list its user held before it): the
     * choice of blend weight and recency scores each list 5 times, so judging takes a second or two.
     */
    static final int VALIDATION_LISTS = 2000;

    private final ModelConfig config;
    private final double tolerance;
    private final ModelSink sink;
    private final BooleanSupplier cancelled;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile CurrentModel current;
    private volatile PublishDecision lastDecision;
    private volatile Running running;

    /** The retrain in progress: fixed facts, the phase it is in and the members' epochs as they finish. */
    private record Running(long version, TrainingJob job, Instant startedAt, Long warmStartVersion,
                           EpochProgress progress, String phase) {
        Running in(String next) {
            return new Running(version, job, startedAt, warmStartVersion, progress, next);
        }
    }

    /** @param current the model published before this trainer started, or null */
    public Retrainer(ModelConfig config, double tolerance, ModelSink sink, CurrentModel current,
                     BooleanSupplier cancelled) {
        this.config = config;
        this.tolerance = tolerance;
        this.sink = sink;
        this.current = current;
        this.cancelled = cancelled;
    }

    /** Trains and maybe publishes; returns the decision taken. */
    public PublishDecision run(TrainingJob job) throws ModelSink.PublishException {
        try {
            return retrain(job);
        } finally {
            running = null;
        }
    }

    private PublishDecision retrain(TrainingJob job) throws ModelSink.PublishException {
        CurrentModel before = current;
        long version = before == null ? 1 : before.version() + 1;
        HybridModel warmStart = warmStartFrom(before);
        HeldOut validation = job.data().heldOut(VALIDATION_LISTS, job.ratingsSeen());
        LOG.info("training candidate v{} ({} retrain, {}): {} ratings ({} new), {}{} for training, {} held out; {}, {}",
                version, job.kind(), job.reason(), job.ratingsSeen(), job.newRatings(),
                job.data().sampled() ? "a sample of " + job.data().users() + " users, " : "",
                job.data().train().size(), validation.size(),
                warmStart == null ? "from scratch" : "warm start from v" + before.version(),
                job.budget().isZero() ? "no time budget" : "a budget of " + Figures.two(seconds(job.budget())) + " s");

        EpochProgress progress = new EpochProgress(version, config.epochs(), config.members(),
                config.ranking() ? config.rankingEpochs() : 0, job.budget(), cancelled);
        running = new Running(version, job, Instant.now(), warmStart == null ? null : before.version(), progress,
                "training");
        long start = System.nanoTime();
        HybridModel candidate = ModelTrainer.train(job.data().train(), validation.size() == 0 ? null : validation,
                job.genreMasks(), listsKept(job, warmStart), warmStart, progress);
        double trainSeconds = (System.nanoTime() - start) / 1e9;

        running = running.in("judging");
        // each user as serving reads them: from their training ratings
        Map<Integer, History> histories = History.byUser(job.data().train());
        Map<String, Double> candidateMetrics = ModelMetrics.evaluate(candidate, validation.ratings(), histories);
        RankingMetrics.Result candidateRanking = ModelMetrics.ranking(candidate, validation.lists(), K);
        ModelMetrics.putRanking(candidateMetrics, candidateRanking, K);
        Map<String, Double> currentMetrics = new LinkedHashMap<>();
        double ndcgError = Double.NaN;
        if (before != null && before.model() != null && validation.size() > 0) {
            currentMetrics.putAll(ModelMetrics.evaluate(before.model(), validation.ratings(), histories));
            RankingMetrics.Result currentRanking = ModelMetrics.ranking(before.model(), validation.lists(), K);
            ModelMetrics.putRanking(currentMetrics, currentRanking, K);
            ndcgError = candidateRanking.pairedStandardError(currentRanking);
        }
        double currentMse = currentMetrics.getOrDefault("mse", Double.NaN);
        double currentNdcg = currentMetrics.getOrDefault(NDCG, Double.NaN);
        PublishDecision decision = PublishDecision.decide(validation.size(), candidateMetrics.get("mse"), currentMse,
                candidateMetrics.get(NDCG), currentNdcg, ndcgError, tolerance);
        LOG.info("candidate v{}: {} - validation MSE {} and NDCG@10 {} against {} and {} for published {} on the "
                        + "same {} ratings: {}", version, decision.publish() ? "PUBLISH" : "REJECT",
                Figures.four(decision.candidateMse()), Figures.four(decision.candidateNdcg()),
                Figures.four(decision.currentMse()), Figures.four(decision.currentNdcg()),
                before == null ? "(none)" : "v" + before.version(), validation.size(), decision.reason());
        lastDecision = decision;
        if (!decision.publish()) {
            rejected.incrementAndGet();
            return decision;
        }

        Map<String, Double> metrics = metrics(job, candidate, validation.lists().size(), candidateMetrics,
                currentMetrics, trainSeconds, progress);
        Long parent = warmStart == null ? null : before.version();
        ModelUpdate update = ModelCodec.toUpdate(candidate, version, parent, job.through(), job.ratingsSeen(),
                metrics);
        int payloadBytes = update.getPayload().remaining();
        running = running.in("publishing");
        int recordBytes = sink.publish(update);
        current = new CurrentModel(version, candidate, metrics);
        published.incrementAndGet();
        LOG.info("published model v{} (parent {}): val MSE {}, val NDCG@10 {}, blend weight {}, recency {}, {} ratings "
                        + "seen, payload {} KB (largest record {} KB), trained in {} s over {} epochs{}", version,
                parent == null ? "none" : "v" + parent, Figures.four(candidateMetrics.get("mse")),
                Figures.four(candidateMetrics.get(NDCG)), candidate.blendWeight(), candidate.recency(),
                job.ratingsSeen(),
                payloadBytes / 1024, recordBytes / 1024, Figures.two(trainSeconds), progress.epochsRun(),
                progress.budgetSpent() ? " (stopped by its " + Figures.two(seconds(job.budget())) + " s budget)" : "");
        return decision;
    }

    public CurrentModel current() {
        return current;
    }

    /** Where the retrain in progress is; empty between retrains. Safe to call from any thread. */
    public Optional<TrainingProgress> progress() {
        Running r = running;
        if (r == null) {
            return Optional.empty();
        }
        TrainingJob job = r.job();
        return Optional.of(new TrainingProgress(r.version(), job.reason().toString(), job.kind().toString(),
                r.startedAt().toString(), r.warmStartVersion(), job.data().train().size(),
                job.data().validation().size(), job.ratingsSeen(), r.progress().maxEpochs(),
                job.budget().isZero() ? null : seconds(job.budget()), r.progress().budgetSpent(),
                r.progress().members(), r.progress().ranking(), r.phase()));
    }

    /** The decision on the last model trained, or null before the first. */
    public PublishDecision lastDecision() {
        return lastDecision;
    }

    public long published() {
        return published.get();
    }

    public long rejected() {
        return rejected.get();
    }

    /**
     * Whether the next retrain would start from the published model: there is one, it loaded, and the configured
     * architecture is its. Without, an incremental retrain would be a short training from scratch.
     */
    public boolean canWarmStart() {
        CurrentModel model = current;
        return model != null && model.model() != null && model.model().config().sameArchitecture(config);
    }

    /**
     * The config of this retrain: an incremental one keeps the blend weight and recency of the model it starts from,
     * and a full one chooses them again on its validation lists. Choosing scores every validation user's list at
     * each of 35 pairs, which took 20-odd seconds of an incremental retrain's minute at 62,423 movies.
     */
    private ModelConfig listsKept(TrainingJob job, HybridModel warmStart) {
        if (job.kind() != RetrainTrigger.Kind.INCREMENTAL || warmStart == null || warmStart.ranking() == null
                || !config.ranking()) {
            return config;
        }
        return config.with(Map.of("blend_weight", Float.toString(warmStart.blendWeight()),
                "recency", Float.toString(warmStart.recency())));
    }

    /** The published model, when its architecture lets the configured one start from it. */
    private HybridModel warmStartFrom(CurrentModel model) {
        if (model == null || model.model() == null) {
            return null;
        }
        ModelConfig old = model.model().config();
        if (!old.sameArchitecture(config)) {
            LOG.warn("published v{} has another architecture ({} {}) than the configured model ({}): training from "
                    + "scratch", model.version(), old.variant(), old.architecture(), config.architecture());
            return null;
        }
        return model.model();
    }

    private static Map<String, Double> metrics(TrainingJob job, HybridModel model, int lists,
                                               Map<String, Double> candidate,
                                               Map<String, Double> current, double trainSeconds,
                                               EpochProgress progress) {
        RatingData train = job.data().train();
        RatingData validation = job.data().validation();
        Map<String, Double> metrics = new LinkedHashMap<>();
        candidate.forEach((name, value) -> metrics.put("val_" + name, value));
        // each validation list has one hit to find, the movie rated next: its recall is the hit rate bench online counts
        metrics.put("val_hit_rate_at_" + K, candidate.get("recall_at_" + K));
        metrics.put("mse_global_mean", globalMeanMse(train.meanRating(), validation));
        if (current.containsKey("mse")) {
            metrics.put("parent_val_mse", current.get("mse"));
            metrics.put("parent_val_" + NDCG, current.get(NDCG));
        }
        metrics.put("blend_weight", (double) model.blendWeight());
        metrics.put("recency", (double) model.recency());
        metrics.put("val_lists", (double) lists);
        metrics.put("ranking_epochs_run", (double) progress.rankingEpochsRun());
        metrics.put("train_ratings", (double) train.size());
        metrics.put("val_ratings", (double) validation.size());
        metrics.put("train_loss", progress.lastTrainLoss());
        metrics.put("epochs_run", (double) progress.epochsRun());
        metrics.put("train_seconds", trainSeconds);
        // 0 for a full retrain (the first model is one), 1 for an incremental one; its budget when it had one
        metrics.put("incremental", job.kind() == RetrainTrigger.Kind.INCREMENTAL ? 1.0 : 0.0);
        if (!job.budget().isZero()) {
            metrics.put("train_budget_seconds", seconds(job.budget()));
        }
        // Avro's map of doubles takes NaN, but JSON renderings of it do not: leave out what is undefined
        metrics.values().removeIf(value -> value == null || Double.isNaN(value));
        return metrics;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** MSE of always predicting the training mean: the floor any model must beat to be worth serving. */
    private static double globalMeanMse(double mean, RatingData validation) {
        double sum = 0;
        for (int i = 0; i < validation.size(); i++) {
            double e = validation.rating(i) - mean;
            sum += e * e;
        }
        return validation.size() == 0 ? Double.NaN : sum / validation.size();
    }
}
