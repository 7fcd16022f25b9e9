package dev.recsys.trainer;

import dev.recsys.schemas.Movie;
import dev.recsys.schemas.PartitionOffset;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.trainer.data.GenreCatalog;
import dev.recsys.trainer.data.RatingCheck;
import dev.recsys.trainer.data.RatingStore;
import dev.recsys.trainer.kafka.LogReader;
import dev.recsys.trainer.training.RetrainLimits;
import dev.recsys.trainer.training.RetrainTrigger;
import dev.recsys.trainer.training.TrainingJob;
import dev.recsys.trainer.training.JobRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The consumer thread's side of the trainer: takes in each record the log reader hands over, keeps the count of
 * ratings that are new since the last training, and starts a retrain on the training thread when the trigger says
 * so. Counts that other threads read are volatile; everything else belongs to the consumer thread.
 */
final class TrainingLoop implements LogReader.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);

    private final String ratingsTopic;
    private final RatingStore store;
    private final GenreCatalog catalog = new GenreCatalog();
    private final RetrainTrigger trigger;
    private final RetrainLimits limits;
    private final JobRunner worker;
    // per ratings partition, the offset from which a rating counts as new: where the last training stopped
    private Map<Integer, Long> trainedThrough;
    private volatile Instant lastTraining;
    private volatile Instant lastFullTraining;
    private volatile long newRatings;
    private volatile long ratingsHeld;
    private volatile long ratingBytesHeld;
    private volatile long validationRatings;
    private volatile long moviesKnown;
    private volatile long badRecords;

    /**
     * @param trainedThrough where the model we continue from was trained through (empty if none)
     * @param lastTraining   when that model was made; null if there is none. The clock of full retrains starts
     *                       there too: whether that model was a full one is not known after a restart
     * @param limits         what each kind of retrain trains on ({@link RatingStore#snapshot(long, long)}) and for
     *                       how long
     */
    TrainingLoop(String ratingsTopic, RatingStore store, RetrainTrigger trigger, RetrainLimits limits,
                 JobRunner worker, Map<Integer, Long> trainedThrough, Instant lastTraining) {
        this.ratingsTopic = ratingsTopic;
        this.store = store;
        this.trigger = trigger;
        this.limits = limits;
        this.worker = worker;
        this.trainedThrough = new HashMap<>(trainedThrough);
        this.lastTraining = lastTraining;
        this.lastFullTraining = lastTraining;
    }

    @Override
    public void rating(int partition, long offset, RatingEvent rating) {
        String problem = RatingCheck.problem(rating);
        if (problem != null) {
            badRecord(ratingsTopic, partition, offset, problem);
            return;
        }
        if (store.add(rating.getUserId(), rating.getMovieId(), rating.getRating())) {
            validationRatings++;
        }
        ratingsHeld = store.size();
        ratingBytesHeld = store.bytesHeld();
        if (offset >= trainedThrough.getOrDefault(partition, 0L)) {
            newRatings++;
        }
    }

    @Override
    public void movie(int movieId, Movie movie) {
        if (movie == null) {
            catalog.remove(movieId);
        } else {
            catalog.put(movie);
        }
        moviesKnown = catalog.size();
    }

    @Override
    public void badRecord(String topic, int partition, long offset, String reason) {
        badRecords++;
        LOG.warn("skipping record {}-{}@{}: {}", topic, partition, offset, reason);
    }

    /**
     * Starts a retrain if one is due and none is running.
     *
     * @param readPositions the reader's next offset per ratings partition: everything before is in the store
     */
    void maybeRetrain(boolean caughtUp, Supplier<Map<Integer, Long>> readPositions, Instant now) {
        // training on a half-read log would only be thrown away by the next retrain a moment later
        if (!caughtUp || worker.busy()) {
            return;
        }
        Optional<RetrainTrigger.Retrain> due = trigger.due(store.size(), newRatings, lastTraining, lastFullTraining,
                worker.canWarmStart(), now);
        if (due.isEmpty()) {
            return;
        }
        RetrainTrigger.Kind kind = due.get().kind();
        Map<Integer, Long> positions = readPositions.get();
        // the number of ratings held seeds the sample: each retrain draws another, a rerun of the log the same
        RatingStore.Snapshot data = store.snapshot(limits.maxRatings(kind), store.size());
        TrainingJob job = new TrainingJob(data, catalog.snapshot(), through(positions), due.get().reason(), kind,
                limits.budget(kind), newRatings, now);
        if (worker.submit(job)) {
            trainedThrough = new HashMap<>(positions);
            newRatings = 0;
            lastTraining = now;
            if (kind == RetrainTrigger.Kind.FULL) {
                lastFullTraining = now;
            }
        }
    }

    /** The kind the next retrain will be if it were due now; for the status, from any thread. */
    RetrainTrigger.Kind nextKind(Instant now) {
        return trigger.kind(lastTraining, lastFullTraining, worker.canWarmStart(), now);
    }

    long newRatings() {
        return newRatings;
    }

    /** When the last training started, or when the model continued from was made; null if neither. */
    Instant lastTraining() {
        return lastTraining;
    }

    /** When the last full retrain started, or when the model continued from was made; null if neither. */
    Instant lastFullTraining() {
        return lastFullTraining;
    }

    long ratingsHeld() {
        return ratingsHeld;
    }

    /** The heap the rating log takes, as {@link RatingStore#bytesHeld()} last said. */
    long ratingBytesHeld() {
        return ratingBytesHeld;
    }

    long validationRatings() {
        return validationRatings;
    }

    long moviesKnown() {
        return moviesKnown;
    }

    long badRecords() {
        return badRecords;
    }

    private List<PartitionOffset> through(Map<Integer, Long> positions) {
        List<PartitionOffset> through = new ArrayList<>();
        new TreeMap<>(positions).forEach((partition, offset) ->
                through.add(new PartitionOffset(ratingsTopic, partition, offset)));
        return through;
    }
}
