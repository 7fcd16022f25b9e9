package dev.recsys.trainer.training;

import dev.recsys.model.EpochListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** A progress line per epoch, and the place a closing service stops a training: between two epochs. */
final class EpochProgress extends EpochListener.PerMember {
    private static final Logger LOG = LoggerFactory.getLogger(EpochProgress.class);

    private final long version;
    private final int maxEpochs;
    private final int members;
    private final BooleanSupplier cancelled;
    private final AtomicInteger epochsRun = new AtomicInteger();
    // member -> its latest epoch; the members' threads write, the status endpoint reads
    private final Map<Integer, TrainingProgress.Member> latest = new ConcurrentSkipListMap<>();

    EpochProgress(long version, int maxEpochs, int members, BooleanSupplier cancelled) {
        this.version = version;
        this.maxEpochs = maxEpochs;
        this.members = members;
        this.cancelled = cancelled;
    }

    /** Members of an ensemble train in parallel: their lines interleave, each named. */
    @Override
    public void onMemberEpoch(int member, int members, int epoch, double trainLoss, double validationLoss,
                              double seconds) {
        epochsRun.accumulateAndGet(epoch, Math::max);
        latest.put(member, TrainingProgress.Member.of(member, epoch, trainLoss, validationLoss));
        LOG.info("candidate v{}{} epoch {}/{}: loss {}, validation loss {}, {} s", version,
                members > 1 ? " member " + member + "/" + members : "", epoch, maxEpochs,
                Figures.four(trainLoss), Figures.four(validationLoss), Figures.two(seconds));
        if (cancelled.getAsBoolean()) {
            throw new TrainingCancelledException();
        }
    }

    int epochsRun() {
        return epochsRun.get();
    }

    int maxEpochs() {
        return maxEpochs;
    }

    /** The latest train loss; the mean over the members of an ensemble. NaN before the first epoch. */
    double lastTrainLoss() {
        return latest.values().stream().map(TrainingProgress.Member::trainLoss).filter(loss -> loss != null)
                .mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Each member's latest epoch, members that have not finished one yet at epoch 0. */
    List<TrainingProgress.Member> members() {
        List<TrainingProgress.Member> out = new ArrayList<>(members);
        for (int member = 1; member <= members; member++) {
            out.add(latest.getOrDefault(member, new TrainingProgress.Member(member, 0, null, null)));
        }
        return out;
    }
}
