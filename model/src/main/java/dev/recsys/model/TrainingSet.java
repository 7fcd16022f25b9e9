package dev.recsys.model;

import java.util.HashMap;
import java.util.Map;

/**
 * The training ratings encoded once for both networks: the movie id map (a warm start's grown with the new movies),
 * each user's history as rating-network tokens and as ranking-network inputs, and one row per rating. Shared,
 * read-only, by the members trained in parallel.
 */
final class TrainingSet {
    final IdMap movies;
    /** By movie row, the cold-start row (genre UNKNOWN) included. */
    final int[] genreMasks;
    final double meanRating;
    /** Users by index: their raw ids and histories. */
    final int[] userIds;
    final Map<Integer, Integer> userIndex;
    final History[] histories;
    final int[][] tokensByUser;
    /** One entry per training rating (the last rating of a movie rated twice). */
    final int[] rowUser;
    final int[] rowMovie;
    final int[] rowToken;
    final float[] rowRating;

    private TrainingSet(IdMap movies, int[] genreMasks, double meanRating, int[] userIds,
                        Map<Integer, Integer> userIndex, History[] histories, int[][] tokensByUser, int[] rowUser,
                        int[] rowMovie, int[] rowToken, float[] rowRating) {
        this.movies = movies;
        this.genreMasks = genreMasks;
        this.meanRating = meanRating;
        this.userIds = userIds;
        this.userIndex = userIndex;
        this.histories = histories;
        this.tokensByUser = tokensByUser;
        this.rowUser = rowUser;
        this.rowMovie = rowMovie;
        this.rowToken = rowToken;
        this.rowRating = rowRating;
    }

    /**
     * @param genreMasks raw movie id to genre mask; a movie missing here keeps the warm start's mask, or UNKNOWN
     * @param warmStart  nullable; its movies keep their rows, new ones follow in order of first appearance
     */
    static TrainingSet of(RatingData train, Map<Integer, Integer> genreMasks, HybridModel warmStart) {
        IdMap movies = warmStart == null ? new IdMap() : warmStart.movies().copy();
        for (int i = 0; i < train.size(); i++) {
            movies.getOrAdd(train.movieId(i));
        }
        IdMap frozen = movies.frozen();
        Map<Integer, History> byUser = History.byUser(train);
        int users = byUser.size();
        int[] userIds = new int[users];
        History[] histories = new History[users];
        int[][] tokens = new int[users][];
        Map<Integer, Integer> userIndex = new HashMap<>(users * 2);
        int rows = 0;
        int u = 0;
        for (Map.Entry<Integer, History> entry : byUser.entrySet()) {
            userIds[u] = entry.getKey();
            histories[u] = entry.getValue();
            tokens[u] = RatingInputs.tokens(entry.getValue(), frozen);
            userIndex.put(entry.getKey(), u);
            rows += entry.getValue().size();
            u++;
        }
        int[] rowUser = new int[rows];
        int[] rowMovie = new int[rows];
        int[] rowToken = new int[rows];
        float[] rowRating = new float[rows];
        double sum = 0;
        int r = 0;
        for (u = 0; u < users; u++) {
            History h = histories[u];
            for (int i = 0; i < h.size(); i++) {
                rowUser[r] = u;
                rowMovie[r] = frozen.rowOf(h.movieId(i));
                rowToken[r] = tokens[u][i];
                rowRating[r] = h.rating(i);
                sum += h.rating(i);
                r++;
            }
        }
        return new TrainingSet(frozen, masks(frozen, genreMasks, warmStart), rows == 0 ? 0 : sum / rows, userIds,
                userIndex, histories, tokens, rowUser, rowMovie, rowToken, rowRating);
    }

    int users() {
        return userIds.length;
    }

    int rows() {
        return rowUser.length;
    }

    /** A user's training history, empty for a user without training ratings. */
    History history(int userId) {
        Integer index = userIndex.get(userId);
        return index == null ? History.EMPTY : histories[index];
    }

    Map<Integer, History> historiesByUser() {
        Map<Integer, History> out = new HashMap<>(userIds.length * 2);
        for (int u = 0; u < userIds.length; u++) {
            out.put(userIds[u], histories[u]);
        }
        return out;
    }

    /** Fisher-Yates over the indices: each epoch's order of rows (or users), seeded by the caller's random. */
    static void shuffle(int[] indices, java.util.Random random) {
        for (int i = indices.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = indices[i];
            indices[i] = indices[j];
            indices[j] = t;
        }
    }

    /** Genre masks without the cold-start row, as the model keeps them. */
    int[] movieGenreMasks() {
        return java.util.Arrays.copyOf(genreMasks, movies.size());
    }

    private static int[] masks(IdMap movies, Map<Integer, Integer> genreMasks, HybridModel warmStart) {
        int[] masks = new int[movies.size() + 1];
        for (int row = 0; row < movies.size(); row++) {
            Integer mask = genreMasks == null ? null : genreMasks.get(movies.rawIdAt(row));
            if (mask != null && mask != 0) {
                masks[row] = mask;
            } else if (warmStart != null && warmStart.movies().rowOf(movies.rawIdAt(row)) >= 0) {
                masks[row] = warmStart.genreMaskAt(warmStart.movies().rowOf(movies.rawIdAt(row)));
            } else {
                masks[row] = GenreFeatures.UNKNOWN_MASK;
            }
        }
        masks[movies.size()] = GenreFeatures.UNKNOWN_MASK;
        return masks;
    }
}
