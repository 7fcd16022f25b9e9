package dev.recsys.trainer.data;

import dev.recsys.schemas.Genres;
import dev.recsys.schemas.Movie;

import java.util.HashMap;
import java.util.Map;

/**
 * Genre masks by movie id, from the movies topic. A movie rated before its catalogue record arrives is absent here,
 * so training gives it the UNKNOWN genre (or the mask the warm start knew) until the record comes.
 * Written by the consumer thread only; training gets a {@link #snapshot()}.
 */
public final class GenreCatalog {
    private final Map<Integer, Integer> masks = new HashMap<>();

    public void put(Movie movie) {
        masks.put(movie.getMovieId(), Genres.mask(movie.getGenres()));
    }

    /** A tombstone on the compacted topic: the movie left the catalogue. */
    public void remove(int movieId) {
        masks.remove(movieId);
    }

    public int size() {
        return masks.size();
    }

    public Integer maskOf(int movieId) {
        return masks.get(movieId);
    }

    public Map<Integer, Integer> snapshot() {
        return Map.copyOf(masks);
    }
}
