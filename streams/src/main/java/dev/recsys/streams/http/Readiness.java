package dev.recsys.streams.http;

import dev.recsys.streams.scoring.ModelHolder;
import dev.recsys.streams.topology.TopologyNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * Whether an instance may serve: Streams RUNNING, no active store still restoring, and a model loaded. Registered as
 * the restore listener of the KafkaStreams instance, so it sees every changelog restoration start and end.
 */
public final class Readiness implements StateRestoreListener {
    private final ModelHolder models;
    private final Set<String> restoring = ConcurrentHashMap.newKeySet();
    private final AtomicLong restoredRecords = new AtomicLong();
    private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;
    private volatile LongSupplier catalogueSize = () -> 1;

    public Readiness(ModelHolder models) {
        this.models = models;
    }

    /**
     * How many movies the catalogue store holds. Without a catalogue every rating would go to the dead-letter topic
     * as an unknown movie, so an empty one keeps the instance unready.
     */
    public void watchCatalogue(LongSupplier size) {
        this.catalogueSize = size;
    }

    /** Pass to KafkaStreams#setStateListener. */
    public void onStateChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        this.state = newState;
    }

    public KafkaStreams.State state() {
        return state;
    }

    /** What keeps the instance from being ready; empty when it is. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (state != KafkaStreams.State.RUNNING) {
            missing.add("Kafka Streams is " + state + ", not RUNNING");
        }
        if (!restoring.isEmpty()) {
            missing.add("stores still restoring: " + String.join(", ", restoring));
        }
        if (state == KafkaStreams.State.RUNNING && catalogueSize.getAsLong() == 0) {
            missing.add("the movie catalogue is empty (ingest publishes it to the movies topic)");
        }
        if (models.currentOrNull() == null) {
            missing.add("no model loaded yet (recommendations fall back to popularity)");
        }
        return missing;
    }

    /** Streams RUNNING with every store restored: what a restart waits for before it processes again. */
    public boolean storesRestored() {
        return state == KafkaStreams.State.RUNNING && restoring.isEmpty();
    }

    /** Changelog records restored into this instance's stores since it started (what a restart costs). */
    public long restoredRecords() {
        return restoredRecords.get();
    }

    public boolean ready() {
        return missing().isEmpty();
    }

    /** Alive while Streams neither failed nor stopped; restarting and rebalancing count as alive. */
    public boolean healthy() {
        return state != KafkaStreams.State.ERROR && state != KafkaStreams.State.NOT_RUNNING
                && state != KafkaStreams.State.PENDING_ERROR;
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
        restoring.add(storeName + "@" + partition);
        if (TopologyNames.MODEL_VERSION_STORE.equals(storeName)) {
            models.restoringUntil(endingOffset);
        }
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
        restoredRecords.addAndGet(totalRestored);
        if (TopologyNames.MODEL_VERSION_STORE.equals(storeName)) {
            models.restoreEnded();
        }
        restoring.remove(storeName + "@" + partition);
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String storeName, long totalRestored) {
        // the task moved to another instance mid-restore: it no longer holds this one back
        restoring.remove(storeName + "@" + partition);
    }
}
