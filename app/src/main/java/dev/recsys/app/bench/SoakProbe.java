package dev.recsys.app.bench;

import dev.recsys.app.demo.LocalStack;
import dev.recsys.common.topics.Topics;
import dev.recsys.trainer.TrainerStats;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Takes the soak's samples of the JVM the stack runs in: heap, resident set, the streams state on disk, the streams
 * application's lag on {@code ratings} and what the trainer holds.
 *
 * <p>Each sample first runs a full collection ({@code System.gc()}), on purpose: with G1 and a heap of gigabytes the
 * old generation is only cleaned by a mixed collection, which may not come at all in a run of twenty minutes, so the
 * heap after an ordinary (young) collection counts every object ever promoted, dead or alive, and rises like a leak.
 * After a full collection every heap pool's collection usage is what is live. It costs one pause per sample (its
 * length is in the sample), a few per cent of the run at 10 s.
 */
final class SoakProbe implements AutoCloseable {
    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private final LocalStack stack;
    private final Admin admin;
    private final String group;

    SoakProbe(LocalStack stack) {
        this.stack = stack;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
        this.group = stack.streams().settings().applicationId();
    }

    SoakSample sample(double seconds, long ratingsSent) throws Exception {
        long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long gcStarted = System.nanoTime();
        System.gc();
        long gcMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - gcStarted);
        long heapAfterGc = heapAfterLastGc();
        GroupProgress progress = GroupProgress.of(admin, group, Topics.RATINGS);
        TrainerStats trainer = stack.trainer().stats();
        return new SoakSample(seconds, ratingsSent, progress.processed(), progress.lag(), heapAfterGc, heapUsed, rss(),
                bytesOnDisk(stack.stateDir()), trainer.ratingBytesHeld(), gcMillis,
                stack.streams().models().currentVersion(), stack.trainer().status().state().json());
    }

    /** The sum over the heap pools of their usage after the last collection that covered them. */
    static long heapAfterLastGc() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getCollectionUsage();
            if (pool.getType() == MemoryType.HEAP && afterGc != null) {
                used += afterGc.getUsed();
            }
        }
        return used;
    }

    /** VmRSS of /proc/self/status in bytes; -1 where there is no such file (not Linux). */
    static long rss() throws IOException {
        if (!Files.isReadable(PROC_STATUS)) {
            return -1;
        }
        for (String line : Files.readAllLines(PROC_STATUS)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;   // "VmRSS:   123456 kB"
            }
        }
        return -1;
    }

    /** Bytes of the files under {@code dir}; RocksDB deletes files as it compacts, which are then not counted. */
    static long bytesOnDisk(Path dir) throws IOException {
        long[] total = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                total[0] += attrs.isRegularFile() ? attrs.size() : 0;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
