package dev.recsys.streams.topology;

import dev.recsys.common.topics.Topics;
import dev.recsys.model.InvalidModelException;
import dev.recsys.schemas.ModelUpdate;
import dev.recsys.streams.scoring.LoadedModel;
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
 * Runs on the global thread of every instance: validates each published model (checksum, format, shapes), builds its
 * scorer once and swaps it into the holder; stream threads keep scoring with the previous model meanwhile. A model
 * that fails validation is logged and skipped, and the current one stays; an older or equal version is ignored.
 * Every update that decodes is a point of the holder's timeline, whatever became of it.
 *
 * <p>The store is in-memory on purpose: in-memory global stores are not checkpointed, so every start re-reads
 * model-updates from the beginning through this processor (Streams reprocesses addGlobalStore sources on restore),
 * which is what refills the holder after a restart. Streams does not run until that restore is done, so during it
 * only the newest update is loaded (loading each in turn took seconds a version), and in the background: the others
 * are kept as they are read and the best of them is handed to the holder's loader with the last record of the
 * restore, while the stream threads rebalance and restore their own stores.
 */
final class ModelUpdateProcessor implements Processor<byte[], byte[], Void, Void> {
    private static final Logger log = LoggerFactory.getLogger(ModelUpdateProcessor.class);

    private final ModelHolder models;
    private final Deserializer<ModelUpdate> updates;
    private final AppCounters counters;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, Long> versions;
    private ModelUpdate pending;

    ModelUpdateProcessor(ModelHolder models, Deserializer<ModelUpdate> updates, AppCounters counters) {
        this.models = models;
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
        String name = record.key() == null ? "?" : new String(record.key(), StandardCharsets.UTF_8);
        long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
        ModelUpdate update = decode(record, name);
        if (update != null) {
            models.timeline().published(update);
            if (models.supersededOnRestore(offset)) {
                if (pending == null || update.getVersion() > pending.getVersion()) {
                    pending = update;
                }
                return;
            }
        }
        boolean inBackground = models.readOnRestore(offset);
        if (pending != null && (update == null || pending.getVersion() > update.getVersion())) {
            apply(pending, name, inBackground);
        }
        pending = null;
        if (update != null) {
            apply(update, name, inBackground);
        }
    }

    /** The update, or null for a tombstone or a record that does not decode (logged and counted). */
    private ModelUpdate decode(Record<byte[], byte[]> record, String name) {
        if (record.value() == null) {
            log.info("Ignoring a tombstone for model '{}': a published model is never withdrawn by deletion", name);
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
     * Loads the update and swaps it in unless a newer one is in use. The version store records a version once it is
     * in use, or, for a load in the background (whose outcome only the holder sees), once it is handed over.
     */
    private void apply(ModelUpdate update, String name, boolean inBackground) {
        long current = models.currentVersion();
        if (update.getVersion() <= current) {
            log.info("Ignoring model version {}: version {} is already in use", update.getVersion(), current);
            counters.modelUpdate(AppCounters.ModelOutcome.IGNORED);
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        if (inBackground) {
            log.info("Loading model version {} in the background while Streams starts", update.getVersion());
            versions.put(name, update.getVersion());
            models.loadInBackground(() -> load(update, now));
        } else if (load(update, now)) {
            versions.put(name, update.getVersion());
        }
    }

    private boolean load(ModelUpdate update, Instant now) {
        long current = models.currentVersion();
        long started = System.nanoTime();
        LoadedModel loaded;
        try {
            loaded = models.loader().load(update, now);
        } catch (InvalidModelException | RuntimeException e) {
            log.error("Rejected model version {}: {}; keeping version {}", update.getVersion(), e.getMessage(),
                    current);
            counters.modelUpdate(AppCounters.ModelOutcome.REJECTED);
            return false;
        }
        if (!models.swapIfNewer(loaded)) {
            return false;
        }
        counters.modelUpdate(AppCounters.ModelOutcome.APPLIED);
        log.info("Model version {} in use ({} movies, blend weight {}, recency {}, loaded in {} ms), replacing "
                        + "version {}", loaded.version(), loaded.scorer().movieCount(), loaded.scorer().blendWeight(),
                loaded.scorer().recency(), (System.nanoTime() - started) / 1_000_000, current);
        return true;
    }
}
