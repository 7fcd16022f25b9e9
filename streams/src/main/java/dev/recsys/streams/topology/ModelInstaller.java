package dev.recsys.streams.topology;

import dev.recsys.model.InvalidModelException;
import dev.recsys.schemas.ModelUpdate;
import dev.recsys.streams.scoring.LoadedModel;
import dev.recsys.streams.scoring.ModelHolder;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a published model into use: validates it, builds its scorer and swaps it into the holder unless a version as
 * new is in use already; logs and counts what became of it. Used for live updates and a restore's newest one (the
 * global model processor) and for the model read at start (see {@code StreamsApp}).
 */
public final class ModelInstaller {
    private static final Logger log = LoggerFactory.getLogger(ModelInstaller.class);

    private final ModelHolder models;
    private final AppCounters counters;

    public ModelInstaller(ModelHolder models, AppCounters counters) {
        this.models = models;
        this.counters = counters;
    }

    public ModelHolder models() {
        return models;
    }

    /** True if the update is now the model in use. */
    public boolean install(ModelUpdate update, Instant now) {
        long current = models.currentVersion();
        if (update.getVersion() <= current) {
            // the load read at start and the restore's newest are usually the same version: loaded once
            log.debug("Model version {} is not newer than version {} in use", update.getVersion(), current);
            return false;
        }
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
