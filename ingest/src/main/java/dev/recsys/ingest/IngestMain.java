package dev.recsys.ingest;

import dev.recsys.ingest.cli.CliArgs;
import dev.recsys.ingest.cli.ConsoleProgress;
import dev.recsys.ingest.config.Settings;
import dev.recsys.ingest.replay.ReplayConfig;
import dev.recsys.ingest.replay.ReplayEnv;
import dev.recsys.ingest.replay.ReplayException;
import dev.recsys.ingest.replay.ReplaySummary;
import dev.recsys.ingest.replay.Replayer;
import dev.recsys.ingest.synth.SynthConfig;
import dev.recsys.ingest.synth.SyntheticMovieLens;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ingest replay ...} and {@code ingest synth ...}. Every flag can also come from its environment variable
 * (containers set variables only); a flag wins over its variable.
 */
public final class IngestMain {
    private static final Logger LOG = LoggerFactory.getLogger(IngestMain.class);
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int CANCELLED = 130;

    private IngestMain() {
    }

    public static void main(String[] args) {
        // The work runs on this thread and ends in an exit code. An exception escaping any other thread is a bug:
        // log it and exit non-zero (the shutdown hook still lets the producer deliver what it holds).
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            LOG.error("Uncaught exception in thread {}: the ingest cannot trust its state, exiting", thread.getName(), e);
            System.exit(FAILED);
        });
        System.exit(run(args));
    }

    public static int run(String... args) {
        return run(System.getenv(), System.out, System.err, args);
    }

    static int run(Map<String, String> env, PrintStream out, PrintStream err, String... args) {
        if (args.length == 0) {
            return usageError(err, "missing command: replay or synth");
        }
        String command = args[0];
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
            out.print(usage());
            return OK;
        }
        if (java.util.Arrays.asList(rest).contains("--help") || java.util.Arrays.asList(rest).contains("-h")) {
            out.print(usage());
            return OK;
        }
        try {
            return switch (command) {
                case "replay" -> replay(ReplayConfig.fromEnv(
                        Settings.withFlags(env, CliArgs.parse(rest, ReplayEnv.OPTIONS), ReplayEnv.OPTIONS)), out, err);
                case "synth" -> synth(SynthConfig.fromEnv(
                        Settings.withFlags(env, CliArgs.parse(rest, SynthConfig.OPTIONS), SynthConfig.OPTIONS)), out, err);
                default -> usageError(err, "unknown command '" + command + "': replay or synth");
            };
        } catch (IllegalArgumentException e) {
            return usageError(err, e.getMessage());
        }
    }

    private static int replay(ReplayConfig config, PrintStream out, PrintStream err) {
        Replayer replayer = new Replayer(config);
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C or docker stop: stop after the rating in flight, let the producer deliver what it has, then exit
        Thread hook = new Thread(() -> {
            replayer.close();
            try {
                finished.await(config.connectTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ingest-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            ReplaySummary summary = replayer.run(ConsoleProgress.forThisProcess());
            summary.lines().forEach(out::println);
            return summary.cancelled() ? CANCELLED : OK;
        } catch (ReplayException e) {
            err.println("ingest: " + e.getMessage());
            LOG.debug("Replay failed", e);
            return FAILED;
        } finally {
            finished.countDown();
            removeHook(hook);
        }
    }

    private static int synth(SynthConfig config, PrintStream out, PrintStream err) {
        long start = System.nanoTime();
        try {
            SyntheticMovieLens.write(config.out(), config.users(), config.movies(), config.ratings(), config.seed());
        } catch (IOException e) {
            err.println("ingest: could not write " + config.out() + ": " + e.getMessage());
            return FAILED;
        }
        out.printf("Wrote a synthetic ml-100k-format set to %s: %d users, %d movies, %d ratings, seed %d (%.1f s)%n",
                config.out(), config.users(), config.movies(), config.ratings(), config.seed(),
                (System.nanoTime() - start) / 1e9);
        return OK;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already: the hook is running or has run
        }
    }

    private static int usageError(PrintStream err, String message) {
        err.println("ingest: " + message);
        err.print(usage());
        return USAGE;
    }

    static String usage() {
        return "usage: ingest replay [options]   replay MovieLens-format data to Kafka (movies, users, then ratings)\n"
                + CliArgs.usage(ReplayEnv.OPTIONS)
                + "       ingest synth [options]    write a seeded synthetic data set in ml-100k format\n"
                + CliArgs.usage(SynthConfig.OPTIONS);
    }
}
