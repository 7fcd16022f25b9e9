package dev.recsys.app.eval;

import dev.recsys.model.History;
import dev.recsys.model.IdMap;
import dev.recsys.model.RatingData;
import dev.recsys.model.TopK;

/** The movies of the training data as dense columns, and the top-k selection the baselines share. */
final class Catalogue {
    private final IdMap movies;

    private Catalogue(IdMap movies) {
        this.movies = movies;
    }

    static Catalogue of(RatingData... parts) {
        IdMap movies = new IdMap();
        for (RatingData part : parts) {
            for (int i = 0; i < part.size(); i++) {
                movies.getOrAdd(part.movieId(i));
            }
        }
        return new Catalogue(movies.frozen());
    }

    int size() {
        return movies.size();
    }

    int column(int movieId) {
        int column = movies.rowOf(movieId);
        if (column < 0) {
            throw new IllegalArgumentException("movie " + movieId + " is not in the catalogue");
        }
        return column;
    }

    int[] rawIds() {
        return movies.rawIds();
    }

    int columnOrMinus(int movieId) {
        return movies.rowOf(movieId);
    }

    /** The best k columns of scores that are not in the history (scores is overwritten), as raw movie ids. */
    int[] topUnrated(float[] scores, History history, int k) {
        return TopK.unrated(new TopK(k), scores, movies, history);
    }
}
