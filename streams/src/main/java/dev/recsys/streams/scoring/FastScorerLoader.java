package dev.recsys.streams.scoring;

import dev.recsys.model.FastScorer;
import dev.recsys.model.HybridModel;
import dev.recsys.model.InvalidModelException;
import dev.recsys.model.ModelCodec;
import dev.recsys.schemas.ModelUpdate;
import java.time.Instant;

/**
 * The production loader: {@link ModelCodec#fromUpdate} checks the checksum, the payload format and the shapes against
 * the id map, then {@link FastScorer#of} precomputes the movie side once, here, at the swap, and not per rating.
 */
public final class FastScorerLoader implements ModelLoader {
    @Override
    public LoadedModel load(ModelUpdate update, Instant loadedAt) throws InvalidModelException {
        HybridModel model = ModelCodec.fromUpdate(update);
        FastScorer fast;
        try {
            fast = FastScorer.of(model);
        } catch (RuntimeException e) {
            throw new InvalidModelException("cannot build a fast scorer for model version " + update.getVersion()
                    + ": " + e.getMessage(), e);
        }
        return new LoadedModel(update.getVersion(), update.getParentVersion(), update.getCreatedAt(),
                update.getRatingsSeen(), update.getMetrics(), loadedAt, fast);
    }
}
