package dev.recsys.streams.http;

import dev.recsys.model.Because;
import dev.recsys.model.Ranked;
import dev.recsys.schemas.Movie;
import dev.recsys.schemas.Recommendations;
import dev.recsys.schemas.RecommendedItem;
import dev.recsys.schemas.Strategy;
import dev.recsys.streams.scoring.LoadedModel;
import dev.recsys.streams.scoring.ModelHolder;
import dev.recsys.streams.scoring.ModelRanker;
import dev.recsys.streams.scoring.PopularityRanker;
import dev.recsys.streams.state.MovieStats;
import dev.recsys.streams.state.UserHistory;
import dev.recsys.streams.state.UserRatings;
import dev.recsys.streams.topology.TopologyNames;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Builds the page's view of a user from the stores of the instance that owns the user's partition: the user's best
 * rated movies, the latest list with why each movie is in it, or, for a user without ratings, the popularity chart of
 * that partition (what the app answers before it has a model). Throws Kafka's InvalidStateStoreException while a
 * store cannot be queried (starting, rebalancing).
 */
final class UserViews {
    /** The page's lists are top 10s: the best rated movies, and the popular chart for a user without ratings. */
    static final int LIST = 10;
    static final int REASONS = 3;
    static final String NO_RATINGS = "no ratings yet";

    private final ModelHolder models;

    UserViews(ModelHolder models) {
        this.models = models;
    }

    Views.UserView view(KafkaStreams streams, int partition, int userId, String servedBy) {
        ReadOnlyKeyValueStore<Integer, Movie> catalogue = store(streams, TopologyNames.MOVIE_CATALOGUE_STORE, null);
        UserHistory history = UserRatings.history(store(streams, TopologyNames.USER_RATINGS_STORE, partition), userId);
        if (history.size() == 0) {
            return unknownUser(streams, partition, userId, catalogue, servedBy);
        }
        List<Views.Rated> watched = new ArrayList<>();
        for (int i : history.bestRated(LIST)) {
            watched.add(new Views.Rated(history.movieId(i), title(catalogue, history.movieId(i)), history.rating(i)));
        }
        ReadOnlyKeyValueStore<Integer, Recommendations> latestStore =
                store(streams, TopologyNames.LATEST_RECOMMENDATIONS_STORE, partition);
        Recommendations latest = latestStore.get(userId);
        if (latest == null) {
            // the history is committed with its list in one transaction; seen apart only mid-restore
            return new Views.UserView(userId, history.size(), "no list yet", watched, null, null, null, List.of(),
                    null, servedBy);
        }
        List<RecommendedItem> items = latest.getItems();
        LoadedModel model = models.currentOrNull();
        Because[] because = explain(model, latest, history);
        List<Views.Recommended> recommended = new ArrayList<>(items.size());
        for (int r = 0; r < items.size(); r++) {
            RecommendedItem item = items.get(r);
            recommended.add(new Views.Recommended(r + 1, item.getMovieId(), title(catalogue, item.getMovieId()),
                    item.getScore(), reasons(because == null ? Because.NOTHING : because[r], history, catalogue)));
        }
        return new Views.UserView(userId, history.size(), null, watched, latest.getStrategy().name(),
                latest.getModelVersion(), latest.getGeneratedAt().toString(), recommended,
                because == null ? null : model.version(), servedBy);
    }

    /** Why, by the model in use, for a list the model made; null for a popularity list or before any model. */
    private static Because[] explain(LoadedModel model, Recommendations latest, UserHistory history) {
        if (model == null || latest.getStrategy() != Strategy.MODEL) {
            return null;
        }
        int[] ids = latest.getItems().stream().mapToInt(RecommendedItem::getMovieId).toArray();
        return model.scorer().because(ModelRanker.history(history), ids, REASONS);
    }

    private static List<Views.Reason> reasons(Because because, UserHistory history,
                                              ReadOnlyKeyValueStore<Integer, Movie> catalogue) {
        List<Views.Reason> reasons = new ArrayList<>(because.size());
        for (int j = 0; j < because.size(); j++) {
            int movieId = because.ratedMovieIds()[j];
            // the reasons are entries of this history, so each has its rating
            reasons.add(new Views.Reason(movieId, title(catalogue, movieId), history.ratingOf(movieId),
                    because.contributions()[j]));
        }
        return reasons;
    }

    private Views.UserView unknownUser(KafkaStreams streams, int partition, int userId,
                                       ReadOnlyKeyValueStore<Integer, Movie> catalogue, String servedBy) {
        ReadOnlyKeyValueStore<Integer, MovieStats> popularity =
                store(streams, TopologyNames.MOVIE_POPULARITY_STORE, partition);
        Ranked chart;
        try (KeyValueIterator<Integer, MovieStats> all = popularity.all()) {
            chart = new PopularityRanker(LIST).rank(all, UserHistory.EMPTY);
        }
        List<Views.Recommended> popular = new ArrayList<>(chart.size());
        for (int i = 0; i < chart.size(); i++) {
            int movieId = chart.ids()[i];
            popular.add(new Views.Recommended(i + 1, movieId, title(catalogue, movieId), chart.scores()[i],
                    List.of()));
        }
        return new Views.UserView(userId, 0, NO_RATINGS, List.of(), Strategy.POPULARITY.name(), null, null,
                popular, null, servedBy);
    }

    /** Titles from this instance's catalogue (a global store): the stored lists carry none. */
    static IntFunction<String> titles(KafkaStreams streams) {
        ReadOnlyKeyValueStore<Integer, Movie> catalogue = store(streams, TopologyNames.MOVIE_CATALOGUE_STORE, null);
        return movieId -> title(catalogue, movieId);
    }

    private static String title(ReadOnlyKeyValueStore<Integer, Movie> catalogue, int movieId) {
        Movie movie = catalogue.get(movieId);
        return movie == null ? null : movie.getTitle();
    }

    private static <K, V> ReadOnlyKeyValueStore<K, V> store(KafkaStreams streams, String name, Integer partition) {
        StoreQueryParameters<ReadOnlyKeyValueStore<K, V>> query =
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore());
        return streams.store(partition == null ? query : query.withPartition(partition));
    }
}
