package dev.recsys.ingest.cli;

import dev.recsys.ingest.replay.ProgressListener;
import dev.recsys.ingest.replay.ReplayProgress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a replay's progress (or the synthetic generator's, in the same terms): on a terminal a one-line bar redrawn
 * in place (sent/total, rate, ETA); elsewhere (containers, CI, pipes) a log line every few seconds, as a redrawn line
 * would only fill log files.
 */
public final class ConsoleProgress implements ProgressListener {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleProgress.class);
    private static final int BAR_WIDTH = 30;
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;

    private final PrintStream terminal;
    private final String what;
    private long nextLog = System.nanoTime() + LOG_EVERY_NANOS;
    private boolean barShown;

    /** @param terminal where to draw the bar, or null to log instead */
    public ConsoleProgress(PrintStream terminal) {
        this(terminal, "Replay");
    }

    /** @param what names the work in log lines, such as {@code Replay} */
    ConsoleProgress(PrintStream terminal, String what) {
        this.terminal = terminal;
        this.what = what;
    }

    /** A bar on standard error when a console is attached, log lines otherwise. */
    public static ConsoleProgress forThisProcess() {
        return forThisProcess("Replay");
    }

    static ConsoleProgress forThisProcess(String what) {
        return new ConsoleProgress(System.console() != null ? System.err : null, what);
    }

    @Override
    public void onProgress(ReplayProgress progress) {
        if (progress.phase() != ReplayProgress.Phase.RATINGS && progress.phase() != ReplayProgress.Phase.DONE) {
            return;
        }
        if (terminal != null) {
            draw(progress);
        } else if (progress.phase() == ReplayProgress.Phase.RATINGS && System.nanoTime() >= nextLog) {
            nextLog = System.nanoTime() + LOG_EVERY_NANOS;
            LOG.info("{} progress: {}", what, text(progress));
        }
    }

    private void draw(ReplayProgress progress) {
        int filled = (int) Math.round(progress.fraction() * BAR_WIDTH);
        String bar = "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled);
        terminal.print("\r[" + bar + "] " + text(progress) + "   ");
        barShown = true;
        if (progress.phase() == ReplayProgress.Phase.DONE && barShown) {
            terminal.println();
        }
        terminal.flush();
    }

    static String text(ReplayProgress progress) {
        Duration eta = progress.eta();
        return String.format(Locale.ROOT, "%,d/%,d ratings (%.1f%%) %,.0f/s ETA %s", progress.sent(), progress.total(),
                progress.fraction() * 100, progress.eventsPerSecond(), eta == null ? "--:--" : clock(eta));
    }

    private static String clock(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
