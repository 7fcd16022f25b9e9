package dev.recsys.ingest.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Counts bad lines per reason and keeps the first few of them as examples, for the summary at the end of a run.
 * Optionally passes every report on to another sink (a logger, or {@link ErrorSink#failFast()}).
 * Thread-safe: the demo reads the counts from another thread while a replay runs.
 */
public final class ErrorTally implements ErrorSink {
    private final int maxExamples;
    private final ErrorSink next;
    private final Map<BadRecord.Reason, Long> counts = new EnumMap<>(BadRecord.Reason.class);
    private final List<BadRecord> examples = new ArrayList<>();

    public ErrorTally(int maxExamples, ErrorSink next) {
        this.maxExamples = maxExamples;
        this.next = next;
    }

    public ErrorTally() {
        this(5, ErrorSink.ignore());
    }

    @Override
    public void report(BadRecord bad) {
        synchronized (this) {
            counts.merge(bad.reason(), 1L, Long::sum);
            if (examples.size() < maxExamples) {
                examples.add(bad);
            }
        }
        next.report(bad);
    }

    public synchronized long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public synchronized long count(BadRecord.Reason reason) {
        return counts.getOrDefault(reason, 0L);
    }

    /** Counts of the reasons that occurred, in the enum's order. */
    public synchronized Map<BadRecord.Reason, Long> counts() {
        return Collections.unmodifiableMap(new EnumMap<>(counts));
    }

    public synchronized List<BadRecord> examples() {
        return List.copyOf(examples);
    }
}
