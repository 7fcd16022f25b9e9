package dev.recsys.streams.scoring;

/**
 * Scores every movie a model knows for one user. The streams app sees models only through this interface, so that
 * the topology, its state and its fallback do not depend on how a model computes.
 */
public interface ModelScorer {
    /** Movies the model knows; rows run from 0 to movieCount() - 1. */
    int movieCount();

    int movieIdAt(int row);

    /** The row of a raw movie id, or -1 if the model does not know the movie. */
    int rowOfMovie(int rawMovieId);

    /**
     * Writes the predicted rating of every movie row into {@code out} (at least movieCount() long). A user the model
     * does not know is scored on the model's cold-start path, never with an exception.
     */
    void scoreAll(int rawUserId, float[] out);
}
