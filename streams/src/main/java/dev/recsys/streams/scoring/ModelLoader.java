package dev.recsys.streams.scoring;

import dev.recsys.model.InvalidModelException;
import dev.recsys.schemas.ModelUpdate;
import java.time.Instant;

/** Turns a published {@link ModelUpdate} into a model ready to score, or says why it cannot. */
@FunctionalInterface
public interface ModelLoader {
    LoadedModel load(ModelUpdate update, Instant loadedAt) throws InvalidModelException;
}
