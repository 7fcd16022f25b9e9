package dev.recsys.trainer.training;

import dev.recsys.model.EpochListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/** A progress line per epoch, and the place a closing service stops a training: between two epochs. */
final class EpochProgress extends EpochListener.PerMember {
    private static final Logger LOG = LoggerFactory.getLogger(EpochProgress.class);

    private final long version;
    private final int maxEpochs;
    private final BooleanSupplier cancelled;
    private int epochsRun;
    // member -> its latest train loss
    private final Map<Integer, Double> lastTrainLoss = new TreeMap<>();

    EpochProgress(long version, int maxEpochs, BooleanSupplier cancelled) {
        this.version = version;
        this.maxEpochs = maxEpochs;
        this.cancelled = cancelled;
    }

    /** Members of an ensemble train in parallel: their lines interleave, each named. */
    @Override
    public void onMemberEpoch(int member, int members, int epoch, double trainLoss, double validationLoss,
                              double seconds) {
        epochsRun = Math.max(epochsRun, epoch);
        lastTrainLoss.put(member, trainLoss);
        LOG.info("candidate v{}{} epoch {}/{}: loss {}, validation loss {}, {} s", version,
                members > 1 ? " member " + member + "/" + members : "", epoch, maxEpochs,
                Figures.four(trainLoss), Figures.four(validationLoss), Figures.two(seconds));
        if (cancelled.getAsBoolean()) {
            throw new TrainingCancelledException();
        }
    }

    int epochsRun() {
        return epochsRun;
    }

    /** The latest train loss; the mean over the members of an ensemble. NaN before the first epoch. */
    double lastTrainLoss() {
        return lastTrainLoss.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
