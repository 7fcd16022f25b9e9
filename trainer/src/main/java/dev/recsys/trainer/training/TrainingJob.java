package dev.recsys.trainer.training;

import dev.recsys.schemas.PartitionOffset;
import dev.recsys.trainer.data.RatingStore;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One retrain: the ratings held when it was decided (copied, so consumption goes on meanwhile), the genre masks
 * known then, and the log positions they ran up to.
 *
 * @param through     for each ratings partition, the next offset after the last record the data holds
 * @param kind        full or incremental: the data is the sample of its kind
 * @param budget      how long the networks may train (each stops after the epoch past which another would not
 *                    fit); zero: the model's epochs
 * @param newRatings  how many of the ratings arrived since the previous training
 */
public record TrainingJob(RatingStore.Snapshot data, Map<Integer, Integer> genreMasks, List<PartitionOffset> through,
                          RetrainTrigger.Reason reason, RetrainTrigger.Kind kind, Duration budget, long newRatings,
                          Instant decidedAt) {

    public TrainingJob {
        genreMasks = Map.copyOf(genreMasks);
        through = List.copyOf(through);
        if (budget.isNegative()) {
            throw new IllegalArgumentException("a training budget must not be negative, got " + budget);
        }
    }

    /** Ratings held when the job was decided: more than it trains on when the data is a sample. */
    public long ratingsSeen() {
        return data.held();
    }
}
