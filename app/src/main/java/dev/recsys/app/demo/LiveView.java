package dev.recsys.app.demo;

import dev.recsys.app.demo.Observer.ModelSeen;
import dev.recsys.app.demo.Observer.Snapshot;
import dev.recsys.ingest.replay.ReplayProgress;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.schemas.RecommendedItem;
import dev.recsys.schemas.Recommendations;
import dev.recsys.trainer.TrainerStatus;
import dev.recsys.trainer.training.TrainingProgress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What the demo shows: ingest progress, each model version with its metrics, and the study's view of one user,
 * "Already watched (top 10)" beside "Recommended (top 10)". On a terminal the screen is redrawn in place; otherwise
 * (a pipe, CI) it prints a status line now and then, and the user's view whenever it changes.
 */
final class LiveView {
    private static final String CLEAR = "\033[H\033[2J";
    private static final int COLUMN = 52;
    private static final long PLAIN_STATUS_EVERY_MS = 5000;

    private final PrintStream out;
    private final boolean terminal;
    private final String heading;
    private final String page;
    private final int user;
    private final Supplier<TrainerStatus> trainer;
    private long lastPlainStatus;
    private int modelsPrinted;
    private List<RecommendedItem> lastPrintedItems;

    /**
     * @param page    the app's live page, the first link shown
     * @param trainer what the trainer is doing now (read at each render)
     */
    LiveView(PrintStream out, boolean terminal, String heading, String page, int user,
             Supplier<TrainerStatus> trainer) {
        this.out = out;
        this.terminal = terminal;
        this.heading = heading;
        this.page = page;
        this.user = user;
        this.trainer = trainer;
    }

    void render(ReplayProgress progress, Snapshot snapshot, Latencies.Summary latency, Duration elapsed) {
        if (terminal) {
            StringBuilder screen = new StringBuilder(CLEAR);
            screen.append(heading).append("   ").append(clock(elapsed)).append('\n');
            screen.append("The live page: ").append(page).append("\n\n");
            screen.append(ingestLine(progress)).append('\n');
            screen.append(streamsLine(snapshot, latency)).append('\n');
            screen.append(trainerLine(trainer.get())).append("\n\n");
            modelLines(snapshot.models(), 6).forEach(line -> screen.append(line).append('\n'));
            screen.append('\n');
            userBlock(snapshot).forEach(line -> screen.append(line).append('\n'));
            out.print(screen);
            out.flush();
            return;
        }
        long now = System.currentTimeMillis();
        if (now - lastPlainStatus >= PLAIN_STATUS_EVERY_MS) {
            lastPlainStatus = now;
            out.println(clock(elapsed) + "  " + ingestLine(progress) + " | " + streamsLine(snapshot, latency));
            out.println(clock(elapsed) + "  " + trainerLine(trainer.get()));
        }
        List<ModelSeen> models = snapshot.models();
        for (; modelsPrinted < models.size(); modelsPrinted++) {
            out.println(clock(elapsed) + "  " + modelLine(models.get(modelsPrinted)));
        }
        Recommendations latest = snapshot.watchedLatest();
        // a new block only when the list itself changed, not for every rating that left it as it was
        if (latest != null && !latest.getItems().equals(lastPrintedItems)) {
            lastPrintedItems = latest.getItems();
            userBlock(snapshot).forEach(out::println);
        }
        out.flush();
    }

    static String ingestLine(ReplayProgress progress) {
        if (progress == null) {
            return "Ingest     starting";
        }
        if (progress.phase() != ReplayProgress.Phase.RATINGS && progress.phase() != ReplayProgress.Phase.DONE) {
            return "Ingest     " + progress.phase().name().toLowerCase(Locale.ROOT) + " ...";
        }
        int filled = (int) Math.round(progress.fraction() * 24);
        Duration eta = progress.eta();
        return String.format(Locale.ROOT, "Ingest     [%s%s] %,d / %,d ratings  %,.0f/s  ETA %s",
                "#".repeat(filled), ".".repeat(24 - filled), progress.sent(), progress.total(),
                progress.eventsPerSecond(), eta == null ? "-" : clock(eta));
    }

    static String streamsLine(Snapshot snapshot, Latencies.Summary latency) {
        return String.format(Locale.ROOT, "Streams    %,d recommendations (%,d by a model) for %,d ratings;"
                        + " latency (last %d s) p50 %d ms, p99 %d ms", snapshot.recommendations(), snapshot.fromModel(),
                snapshot.ratings(), Demo.LIVE_WINDOW.toSeconds(), latency.p50(), latency.p99());
    }

    /** What the trainer is doing: reading the log, waiting for ratings, or which epoch each member is at. */
    static String trainerLine(TrainerStatus status) {
        if (status == null) {
            return "Trainer    starting";
        }
        TrainerStatus.NextRetrain next = status.next();
        return "Trainer    " + switch (status.state()) {
            case FAILED -> "FAILED: " + status.error();
            case STOPPED -> "stopped";
            case READING -> String.format(Locale.ROOT, "reading the rating log: %,d ratings held",
                    status.stats().ratingsHeld());
            case TRAINING -> status.training() == null ? "training" : trainingText(status.training());
            case WAITING -> status.published() == null && status.stats().ratingsHeld() < next.minRatings()
                    ? String.format(Locale.ROOT, "waiting for ratings: %,d of the %,d the first model needs",
                            status.stats().ratingsHeld(), next.minRatings())
                    : waitingText(status);
        };
    }

    private static String trainingText(TrainingProgress training) {
        boolean sampled = training.trainRatings() + training.validationRatings() < training.ratingsHeld();
        String what = String.format(Locale.ROOT, "%s v%d (%s, %s, %,d ratings%s)", training.phase(),
                training.candidateVersion(), training.reason(), training.warmStartVersion() == null
                        ? "from scratch" : "warm start from v" + training.warmStartVersion(),
                training.trainRatings(), sampled ? String.format(Locale.ROOT, ", a sample of the %,d held",
                        training.ratingsHeld()) : "");
        if (!training.phase().equals("training")) {
            return what;
        }
        String members = training.members().stream()
                .map(m -> String.format(Locale.ROOT, "%sepoch %d/%d%s",
                        training.members().size() > 1 ? "member " + m.member() + " " : "", m.epoch(),
                        training.maxEpochs(), m.validationLoss() == null ? ""
                                : String.format(Locale.ROOT, " val loss %.3f", m.validationLoss())))
                .collect(Collectors.joining(", "));
        TrainingProgress.Ranking ranking = training.ranking();
        return what + ": " + members + (ranking == null ? "" : String.format(Locale.ROOT,
                "; ranking epoch %d/%d%s", ranking.epoch(), ranking.maxEpochs(),
                ranking.bestValidationNdcg() == null ? ""
                        : String.format(Locale.ROOT, " val NDCG@10 %.3f", ranking.bestValidationNdcg())));
    }

    private static String waitingText(TrainerStatus status) {
        TrainerStatus.NextRetrain next = status.next();
        List<String> until = new ArrayList<>();
        if (next.everyRatings() > 0) {
            until.add(String.format(Locale.ROOT, "%,d of %,d new ratings", next.newRatings(), next.everyRatings()));
        }
        if (next.intervalSeconds() > 0) {
            until.add(next.intervalSeconds() + " s after the last");
        }
        String text = "waiting for the next retrain: " + String.join(" or ", until);
        TrainerStatus.Decision last = status.lastDecision();
        if (last != null) {
            text += "; last candidate " + (last.publish() ? "published" : "rejected") + " (val MSE "
                    + mse(last.candidateMse()) + ", NDCG@10 " + mse(last.candidateNdcg())
                    + (last.currentMse() == null ? ")" : " against " + mse(last.currentMse()) + ", "
                    + mse(last.currentNdcg()) + " for the published model)");
        }
        return text;
    }

    private static String mse(Double value) {
        return value == null ? "none" : String.format(Locale.ROOT, "%.3f", value);
    }

    static List<String> modelLines(List<ModelSeen> models, int most) {
        List<String> lines = new ArrayList<>();
        if (models.isEmpty()) {
            lines.add("Models     none yet: recommendations by popularity until the trainer publishes one");
            return lines;
        }
        for (int i = Math.max(0, models.size() - most); i < models.size(); i++) {
            lines.add((i == Math.max(0, models.size() - most) ? "Models     " : "           ") + modelLine(models.get(i)));
        }
        return lines;
    }

    static String modelLine(ModelSeen model) {
        Map<String, Double> m = model.metrics();
        return String.format(Locale.ROOT, "model v%d: trained on %,d ratings (%d movies), validation MSE %s"
                        + " (global mean %s), next rating in the list %s, NDCG@10 %s, recency %s", model.version(),
                model.ratingsSeen(), model.movies(), figure(m, "val_mse"), figure(m, "mse_global_mean"),
                figure(m, "val_hit_rate_at_10"), figure(m, "val_ndcg_at_10"), figure(m, "recency"));
    }

    private static String figure(Map<String, Double> metrics, String key) {
        Double value = metrics.get(key);
        return value == null ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    List<String> userBlock(Snapshot snapshot) {
        List<String> left = new ArrayList<>();
        List<String> right = new ArrayList<>();
        List<RatingEvent> watched = new ArrayList<>(snapshot.watchedRatings());
        watched.sort(Comparator.comparing(RatingEvent::getRating).reversed()
                .thenComparing(Comparator.comparing(RatingEvent::getEventTime).reversed()));
        left.add("Already watched (top 10)");
        for (int i = 0; i < Math.min(10, watched.size()); i++) {
            RatingEvent rating = watched.get(i);
            left.add(String.format(Locale.ROOT, "%2d. %.1f  %s", i + 1, rating.getRating(),
                    snapshot.titles().getOrDefault(rating.getMovieId(), "movie " + rating.getMovieId())));
        }
        Recommendations recs = snapshot.watchedLatest();
        if (recs == null) {
            right.add("Recommended (top 10): waiting for a rating");
        } else {
            right.add("Recommended (top 10)  " + (recs.getModelVersion() == null
                    ? "by popularity" : "model v" + recs.getModelVersion()));
            List<RecommendedItem> items = recs.getItems();
            for (int i = 0; i < items.size(); i++) {
                RecommendedItem item = items.get(i);
                right.add(String.format(Locale.ROOT, "%2d. %.2f  %s", i + 1, item.getScore(),
                        item.getTitle() == null ? "movie " + item.getMovieId() : item.getTitle()));
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "User %d: %d ratings so far", user, watched.size()));
        for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
            String l = i < left.size() ? fit(left.get(i)) : "";
            String r = i < right.size() ? right.get(i) : "";
            lines.add("  " + l + " ".repeat(COLUMN - l.length()) + "  " + r);
        }
        return lines;
    }

    private static String fit(String text) {
        return text.length() <= COLUMN ? text : text.substring(0, COLUMN - 1) + "~";
    }

    static String clock(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
