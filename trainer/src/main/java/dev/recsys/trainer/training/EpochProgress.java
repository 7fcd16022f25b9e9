package dev.recsys.trainer.training;

import dev.recsys.model.EpochListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A progress line per epoch, and the place a training stops between two epochs: for good when the service closes
 * (an exception: nothing is kept), or keeping what it has when its time budget is spent.
 */
final class EpochProgress extends EpochListener.PerMember {
    private static final Logger LOG = LoggerFactory.getLogger(EpochProgress.class);

    private final long version;
    private final int maxEpochs;
    private final int members;
    private final int maxRankingEpochs;
    private final BooleanSupplier cancelled;
    private final Duration budget;
    private final long startedNanos = System.nanoTime();
    private final AtomicBoolean budgetSpent = new AtomicBoolean();
    private final AtomicInteger epochsRun = new AtomicInteger();
    // the ranking network's latest epoch, written by its thread; null before its first (or without one)
    private volatile TrainingProgress.Ranking ranking;
    // member -> its latest epoch; the members' threads write, the status endpoint reads
    private final Map<Integer, TrainingProgress.Member> latest = new ConcurrentSkipListMap<>();

    /**
     * @param maxRankingEpochs 0 for a model without a ranking network
     * @param budget           training time from now on; zero: none
     */
    EpochProgress(long version, int maxEpochs, int members, int maxRankingEpochs, Duration budget,
                  BooleanSupplier cancelled) {
        this.version = version;
        this.budget = budget;
        this.maxEpochs = maxEpochs;
        this.members = members;
        this.maxRankingEpochs = maxRankingEpochs;
        if (maxRankingEpochs > 0) {
            this.ranking = new TrainingProgress.Ranking(0, maxRankingEpochs, null, null);
        }
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

    /** The ranking network's epochs: logged when a validation ran, every one shown on the status. */
    @Override
    public void onRankingEpoch(int epoch, int maxEpochs, double trainLoss, double validationNdcg, double seconds) {
        TrainingProgress.Ranking last = ranking;
        Double best = last == null ? null : last.bestValidationNdcg();
        if (Double.isFinite(validationNdcg) && (best == null || validationNdcg > best)) {
            best = validationNdcg;
        }
        ranking = TrainingProgress.Ranking.of(epoch, maxEpochs, trainLoss, best);
        if (!Double.isNaN(validationNdcg)) {
            LOG.info("candidate v{} ranking network epoch {}/{}: loss {}, validation NDCG@10 {}, {} s", version, epoch,
                    maxEpochs, Figures.four(trainLoss), Figures.four(validationNdcg), Figures.two(seconds));
        }
        if (cancelled.getAsBoolean()) {
            throw new TrainingCancelledException();
        }
    }

    /**
     * Whether another epoch as long as this one would end past the budget: then the network stops now, under the
     * budget, rather than one epoch over it. The networks train side by side, so each is asked of its own epochs.
     */
    @Override
    public boolean stopAfterEpoch(double seconds) {
        if (budget.isZero()) {
            return false;
        }
        double elapsed = (System.nanoTime() - startedNanos) / 1e9;
        boolean stop = elapsed + seconds > budget.toNanos() / 1e9;
        if (stop && budgetSpent.compareAndSet(false, true)) {
            LOG.info("candidate v{}: {} s of its {} s training budget spent, a network stops once another epoch "
                    + "would not fit", version, Figures.two(elapsed), Figures.two(budget.toNanos() / 1e9));
        }
        return stop;
    }

    /** Whether the budget ended the training of a network (before its epochs or its early stopping did). */
    boolean budgetSpent() {
        return budgetSpent.get();
    }

    /** The ranking network's latest epoch, or null for a model without one. */
    TrainingProgress.Ranking ranking() {
        return ranking;
    }

    int rankingEpochsRun() {
        TrainingProgress.Ranking r = ranking;
        return r == null ? 0 : r.epoch();
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
