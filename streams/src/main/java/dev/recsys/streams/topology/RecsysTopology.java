package dev.recsys.streams.topology;

import dev.recsys.common.topics.Topics;
import dev.recsys.streams.config.StreamsSettings;
import dev.recsys.streams.scoring.ModelHolder;
import dev.recsys.streams.serde.AppSerdes;
import dev.recsys.streams.state.HeldRating;
import dev.recsys.streams.state.MovieStatsSerde;
import dev.recsys.streams.state.RatedMovie;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.Stores;

/**
 * The streams app as a pure function of its settings, serdes, model holder and counters.
 *
 * <pre>
 * movies        -> [movies]        global store movie-catalogue   (every instance holds the whole catalogue)
 * model-updates -> [model-updates] global, validates, swaps the scorer in the holder (every instance)
 * ratings (bytes) -> [rating-processor] -> recommendations      (key: user id)
 *                     stores: user-ratings, movie-popularity,  \-> ratings-dlq (original bytes + dlq.* headers)
 *                             latest-recommendations, held-ratings
 * </pre>
 *
 * <p>Popularity is per partition, not global: each task counts the ratings of its own users. Ratings are partitioned by
 * user id, so each partition sees a random sample of the users and its per-movie counts and means estimate the global
 * ones (with 4 partitions each sees about a quarter of all ratings: plenty to rank the head of the catalogue). The
 * exact alternative, re-keying by movie id and sharing the totals with every instance through a further topic and a
 * global store, would add a repartition topic, a second transaction hop and an output topic to the whole stream for a
 * fallback that only serves until the first model arrives.
 */
public final class RecsysTopology {
    private RecsysTopology() {
    }

    public static Topology build(StreamsSettings settings, AppSerdes serdes, ModelHolder models, AppCounters counters) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TopologyNames.MOVIE_CATALOGUE_STORE),
                        Serdes.Integer(), serdes.movie()),
                Topics.MOVIES,
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(TopologyNames.MOVIES),
                () -> new MovieCatalogProcessor(serdes.movie().deserializer(), counters));
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(TopologyNames.MODEL_VERSION_STORE),
                        Serdes.String(), Serdes.Long()),
                Topics.MODEL_UPDATES,
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(TopologyNames.MODEL_UPDATES),
                () -> new ModelUpdateProcessor(new ModelInstaller(models, counters),
                        serdes.modelUpdate().deserializer(), counters));

        Topology topology = builder.build(settings.streamsProperties(settings.httpPort()));
        // Ratings are read as bytes and decoded in the processor: a record that does not decode goes to the
        // dead-letter topic in the same transaction as everything else, so exactly-once covers it too.
        topology.addSource(TopologyNames.RATINGS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                Topics.RATINGS);
        topology.addProcessor(TopologyNames.RATING_PROCESSOR,
                () -> new RatingProcessor(models, serdes.ratingEvent().deserializer(), settings, counters),
                TopologyNames.RATINGS_SOURCE);
        // No record cache for the histories: every rating scans the user's entries, and over a cache that scan merges
        // two iterators, while a (user, movie) entry is seldom written twice in one commit for the cache to save.
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.USER_RATINGS_STORE),
                Serdes.Long(), new RatedMovie.RatedMovieSerde()).withCachingDisabled(),
                TopologyNames.RATING_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.MOVIE_POPULARITY_STORE),
                Serdes.Integer(), new MovieStatsSerde()), TopologyNames.RATING_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.LATEST_RECOMMENDATIONS_STORE),
                Serdes.Integer(), serdes.recommendations()), TopologyNames.RATING_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.HELD_RATINGS_STORE),
                Serdes.Long(), new HeldRating.HeldRatingSerde()), TopologyNames.RATING_PROCESSOR);
        topology.addSink(TopologyNames.RECOMMENDATIONS_SINK, Topics.RECOMMENDATIONS, new IntegerSerializer(),
                serdes.recommendations().serializer(), TopologyNames.RATING_PROCESSOR);
        topology.addSink(TopologyNames.RATINGS_DLQ_SINK, Topics.RATINGS_DLQ, new ByteArraySerializer(),
                new ByteArraySerializer(), TopologyNames.RATING_PROCESSOR);
        return topology;
    }
}
