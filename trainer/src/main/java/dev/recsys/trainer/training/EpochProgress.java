package dev.recsys.trainer.training;

import dev.recsys.model.EpochListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BooleanSupplier;

/** A progress line per epoch, and the place a closing service stops a training: between two epochs. */
final class EpochProgress implements EpochListener {
    private static final Logger LOG = LoggerFactory.getLogger(EpochProgress.class);

    private final long version;
    private final int maxEpochs;
    private final BooleanSupplier cancelled;
    private int epochsRun;
    private double lastTrainLoss = Double.NaN;

    EpochProgress(long version, int maxEpochs, BooleanSupplier cancelled) {
        this.version = version;
        this.maxEpochs = maxEpochs;
        this.cancelled = cancelled;
    }

    @Override
    public void onEpoch(int epoch, double trainLoss, double validationLoss, double seconds) {
        epochsRun = epoch;
        lastTrainLoss = trainLoss;
        LOG.info("candidate v{} epoch {}/{}: loss {}, validation loss {}, {} s", version, epoch, maxEpochs,
                Figures.four(trainLoss), Figures.four(validationLoss), Figures.two(seconds));
        if (cancelled.getAsBoolean()) {
            throw new TrainingCancelledException();
        }
    }

    int epochsRun() {
        return epochsRun;
    }

    double lastTrainLoss() {
        return lastTrainLoss;
    }
}
