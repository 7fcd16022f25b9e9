package dev.recsys.app.eval;

import dev.recsys.common.cli.HelpOption;
import dev.recsys.model.EpochListener;
import dev.recsys.model.NativeThreads;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code recsys train evaluate}: trains the model on a MovieLens split and prints one table of rating and top-10
 * metrics beside the baselines.
 */
@Command(name = "evaluate", description = "Offline evaluation of the model against baselines on a MovieLens split.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed (such as unreadable data)", "2:usage error"})
public final class EvaluateMain implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    @Mixin
    private EvaluationOptions options;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        NativeThreads.limit(options.threads());
        out.printf(Locale.ROOT, "evaluating on %s, split %s, seed %d, validation %.2f of train; config %s%n",
                options.data(), options.split(), options.seed(), options.validation(), options.config().toMap());
        EpochListener progress = new EpochListener.PerMember() {
            @Override
            public void onMemberEpoch(int member, int members, int epoch, double trainLoss, double validationLoss,
                                      double seconds) {
                out.printf(Locale.ROOT, "%sepoch %2d  loss %.4f  validation loss %.4f  %.1f s%n",
                        members > 1 ? "member " + member + "/" + members + "  " : "", epoch, trainLoss,
                        validationLoss, seconds);
            }

            @Override
            public void onRankingEpoch(int epoch, int maxEpochs, double trainLoss, double ndcg, double seconds) {
                if (!Double.isNaN(ndcg)) {
                    out.printf(Locale.ROOT, "ranking epoch %2d/%d  loss %.4f  validation NDCG@10 %.4f  %.1f s%n",
                            epoch, maxEpochs, trainLoss, ndcg, seconds);
                }
            }
        };
        try {
            EvaluationResult result = OfflineEvaluation.run(options, progress);
            out.print(EvaluationReport.table(result));
            if (options.json() != null) {
                EvaluationReport.writeJson(result, options.json());
                out.println("wrote " + options.json());
            }
            return 0;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("train evaluate: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("train evaluate: could not write " + options.json() + ": " + e.getMessage());
            return 1;
        }
    }
}
