package dev.recsys.app.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * A service's main class in a JVM of its own, on this test's classpath, with its output in a log file: the fault
 * tests kill it with SIGKILL ({@link Process#destroyForcibly()} on Linux) and start it again.
 */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final long startedAtBytes;

    private ChildJvm(Process process, Path log, long startedAtBytes) {
        this.process = process;
        this.log = log;
        this.startedAtBytes = startedAtBytes;
    }

    /** A fresh log file under {@code target/faults/<test>/}, kept after the test for a look at what happened. */
    static Path logFile(String test, String name) throws IOException {
        Path file = Files.createDirectories(Path.of("target", "faults", test)).resolve(name);
        Files.deleteIfExists(file);
        return file;
    }

    /** Starts {@code mainClass} with these arguments and environment variables; its output goes to {@code log}. */
    static ChildJvm start(Class<?> mainClass, Map<String, String> env, Path log, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // C1 only: a service's start-up, which the tests time, costs half the CPU without C2's compiles
                "-Xmx1g", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                mainClass.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        long before = Files.exists(log) ? Files.size(log) : 0;
        return new ChildJvm(builder.start(), log, before);
    }

    /** Waits until this run of the process has logged a line containing {@code text}; returns when it was seen. */
    Instant awaitLine(String text, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(50))
                .alias(text + " in " + log.getFileName())
                .until(() -> outputSinceStart().contains(text));
        return Instant.now();
    }

    /** Waits until this run of the process has logged a match of {@code pattern}; returns its first group. */
    String awaitMatch(Pattern pattern, Duration timeout) {
        AtomicReference<String> found = new AtomicReference<>();
        await().atMost(timeout).pollInterval(Duration.ofMillis(50))
                .alias(pattern + " in " + log.getFileName())
                .until(() -> {
                    Matcher matcher = pattern.matcher(outputSinceStart());
                    if (matcher.find()) {
                        found.set(matcher.group(1));
                    }
                    return found.get() != null;
                });
        return found.get();
    }

    /** Waits for the process to end by itself; returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout + "; its output: " + log);
        }
        return process.exitValue();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, no client closes, no transaction is ended. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    /** What this run of the process has written so far. */
    String output() throws IOException {
        return outputSinceStart();
    }

    private String outputSinceStart() throws IOException {
        byte[] all = Files.readAllBytes(log);
        int from = (int) Math.min(startedAtBytes, all.length);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }
}
