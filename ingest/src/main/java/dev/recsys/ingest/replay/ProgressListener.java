package dev.recsys.ingest.replay;

/** Told, from the replaying thread and a few times a second at most, how far a replay has got. Must not block. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = progress -> {
    };

    void onProgress(ReplayProgress progress);
}
