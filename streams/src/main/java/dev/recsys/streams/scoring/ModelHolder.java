package dev.recsys.streams.scoring;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model an app instance currently scores with, and the timeline of the versions it has seen published. One
 * holder per topology build, shared by the global model processor (the writer, on the global thread or, for the
 * load a restart does, on a loader thread) and the rating processors and HTTP handlers (readers on other threads): a
 * swap is one reference write, so a stream thread scores each rating with one whole model, old or new, and never
 * waits for a live update's load.
 */
public final class ModelHolder {
    private final AtomicReference<LoadedModel> current = new AtomicReference<>();
    private final ModelLoader loader;
    // the latest 1,000 versions (a few hundred bytes each): the topic itself keeps only a week of older ones
    private final ModelTimeline timeline = new ModelTimeline(1000);

    public ModelHolder(ModelLoader loader) {
        this.loader = loader;
    }

    private volatile long restoreEnd = -1;
    private long heldVersion = -1;
    private Runnable heldLoad;
    private volatile CompletableFuture<Void> backgroundLoad = CompletableFuture.completedFuture(null);

    /** The model updates' log is being restored up to this offset (exclusive): what a restart reads again. */
    public void restoringUntil(long endOffset) {
        restoreEnd = endOffset;
    }

    /** Whether a model update at this offset is read by the restore a start does before Streams runs. */
    public boolean readOnRestore(long offset) {
        return offset >= 0 && offset < restoreEnd;
    }

    /**
     * Keeps the load of a version read by the restore until the restore ends, when only the newest one kept is run
     * (in the background): loading each version of the week the log keeps took seconds a version. The end is not
     * the last offset: the commit marker of a transactional publish, or an aborted one, may come after the last
     * record read.
     */
    public synchronized void holdUntilRestoreEnds(long version, Runnable load) {
        if (version > heldVersion) {
            heldVersion = version;
            heldLoad = load;
        }
    }

    /** The restore of the model updates ended: the newest version it read starts loading. */
    public synchronized void restoreEnded() {
        if (heldLoad != null) {
            loadInBackground(heldLoad);
        }
        heldLoad = null;
        heldVersion = -1;
    }

    /**
     * Runs a load on a thread of its own, so that the restore is not held up by it: Streams starts its stream threads
     * only once the global restore is done, and a load takes seconds. One background load at a time.
     */
    public synchronized void loadInBackground(Runnable load) {
        // a load that failed must not keep the next one from running
        backgroundLoad = backgroundLoad.exceptionally(failure -> null).thenRunAsync(load, task -> {
            Thread thread = new Thread(task, "recsys-model-loader");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /**
     * The model in use; when there is none yet and a background load is under way, waits for it at most
     * {@code bound} (a stream thread would otherwise answer its first ratings after a restart from popularity).
     * Null when there is still none.
     */
    public LoadedModel currentOrAwaitLoad(Duration bound) {
        LoadedModel model = current.get();
        if (model != null || backgroundLoad.isDone()) {
            return model;
        }
        try {
            backgroundLoad.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // still loading, or the load failed (logged by the loader): popularity answers meanwhile
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return current.get();
    }

    public ModelTimeline timeline() {
        return timeline;
    }

    public ModelLoader loader() {
        return loader;
    }

    public Optional<LoadedModel> current() {
        return Optional.ofNullable(current.get());
    }

    /** The model in use, or null before the first one. */
    public LoadedModel currentOrNull() {
        return current.get();
    }

    /** -1 before the first model. */
    public long currentVersion() {
        LoadedModel model = current.get();
        return model == null ? -1 : model.version();
    }

    /** Installs the model unless one of the same or a higher version is already in use; true if it was installed. */
    public boolean swapIfNewer(LoadedModel candidate) {
        while (true) {
            LoadedModel existing = current.get();
            if (existing != null && existing.version() >= candidate.version()) {
                return false;
            }
            if (current.compareAndSet(existing, candidate)) {
                return true;
            }
        }
    }
}
