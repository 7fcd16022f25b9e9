package dev.recsys.streams.topology;

import dev.recsys.common.topics.Topics;
import dev.recsys.model.ModelChunks;
import dev.recsys.schemas.ModelUpdate;
import dev.recsys.streams.scoring.ModelHolder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on the global thread of every instance: puts a model published in chunks back together ({@link ModelChunks}:
 * applied only once every chunk of the version is there, in order), validates each published model (checksum,
 * format, shapes), builds its scorer once and swaps it into the holder; stream threads keep scoring with the previous
 * model meanwhile. A model that fails validation, or whose chunks do not all arrive, is logged and counted, and the
 * current one stays; an older or equal version is ignored. Every update that decodes whole is a point of the
 * holder's timeline, whatever became of it.
 *
 * <p>The store is in-memory on purpose: in-memory global stores are not checkpointed, so every start re-reads
 * model-updates from the beginning through this processor (Streams reprocesses addGlobalStore sources on restore),
 * which is what refills the holder after a restart. Streams does not run until that restore is done, so during it
 * only the newest update is loaded (loading each in turn took seconds a version), and in the background: the holder
 * keeps the newest one read and starts its load when the restore ends, while the stream threads rebalance and restore
 * their own stores.
 */
final class ModelUpdateProcessor implements Processor<byte[], byte[], Void, Void> {
    private static final Logger log = LoggerFactory.getLogger(ModelUpdateProcessor.class);

    private final ModelHolder models;
    private final ModelInstaller installer;
    private final Deserializer<ModelUpdate> updates;
    private final AppCounters counters;
    private final ModelChunks.Assembly chunks = new ModelChunks.Assembly(this::incomplete);
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, Long> versions;
    private boolean onRestore;

    ModelUpdateProcessor(ModelInstaller installer, Deserializer<ModelUpdate> updates, AppCounters counters) {
        this.installer = installer;
        this.models = installer.models();
        this.updates = updates;
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.versions = context.getStateStore(TopologyNames.MODEL_VERSION_STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String key = record.key() == null ? "?" : new String(record.key(), StandardCharsets.UTF_8);
        long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
        onRestore = models.readOnRestore(offset);
        if (!onRestore) {
            // in case the restore's end was not reported: a live record comes after it
            models.restoreEnded();
        }
        ModelUpdate decoded = decode(record, key);
        ModelUpdate update = decoded == null ? null : chunks.add(decoded).orElse(null);
        if (update == null) {
            return;
        }
        String name = ModelChunks.modelName(key);
        models.timeline().published(update);
        if (onRestore) {
            if (update.getVersion() > models.currentVersion()) {
                versions.put(name, update.getVersion());
                Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
                models.holdUntilRestoreEnds(update.getVersion(), () -> installer.install(update, now));
            }
            return;
        }
        apply(update, name);
    }

    /** The update, or null for a tombstone or a record that does not decode (logged and counted). */
    private ModelUpdate decode(Record<byte[], byte[]> record, String key) {
        if (record.value() == null) {
            log.info("Ignoring a tombstone for model '{}': a published model is never withdrawn by deletion", key);
            return null;
        }
        try {
            return updates.deserialize(Topics.MODEL_UPDATES, record.headers(), record.value());
        } catch (SerializationException e) {
            log.error("Rejected a model update that cannot be decoded ({}); keeping version {}", e.getMessage(),
                    models.currentVersion());
            counters.modelUpdate(AppCounters.ModelOutcome.REJECTED);
            return null;
        }
    }

    /**
     * A version given up for a chunk missing or out of place. On a restore that is expected of older versions, and
     * neither counted nor an error: the compacted log drops a version's chunks as the next version's replace them,
     * and a longer version's last ones stay behind.
     */
    private void incomplete(ModelChunks.Rejection rejection) {
        if (onRestore) {
            log.info("Skipping model version {} in the log: {}", rejection.version(), rejection.reason());
        } else {
            counters.modelUpdate(AppCounters.ModelOutcome.INCOMPLETE);
            log.error("Rejected model version {}: {}; keeping version {}", rejection.version(), rejection.reason(),
                    models.currentVersion());
        }
    }

    /** Loads the update and swaps it in unless a newer one is in use; the version store records it once in use. */
    private void apply(ModelUpdate update, String name) {
        long current = models.currentVersion();
        if (update.getVersion() <= current) {
            log.info("Ignoring model version {}: version {} is already in use", update.getVersion(), current);
            counters.modelUpdate(AppCounters.ModelOutcome.IGNORED);
            return;
        }
        if (installer.install(update, Instant.ofEpochMilli(context.currentSystemTimeMs()))) {
            versions.put(name, update.getVersion());
        }
    }
}
