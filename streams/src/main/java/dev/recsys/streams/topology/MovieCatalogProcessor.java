package dev.recsys.streams.topology;

import dev.recsys.common.topics.Topics;
import dev.recsys.schemas.Movie;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global catalogue store: the latest Movie per id, deleted on a tombstone. Decodes here rather than in the
 * source so that one bad movie record is logged and skipped instead of stopping the global thread.
 */
final class MovieCatalogProcessor implements Processor<byte[], byte[], Void, Void> {
    private static final Logger log = LoggerFactory.getLogger(MovieCatalogProcessor.class);

    private final Deserializer<Movie> movies;
    private final AppCounters counters;
    private KeyValueStore<Integer, Movie> catalogue;
    private String topic;

    MovieCatalogProcessor(Deserializer<Movie> movies, AppCounters counters) {
        this.movies = movies;
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.catalogue = context.getStateStore(TopologyNames.MOVIE_CATALOGUE_STORE);
        this.topic = Topics.MOVIES;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (record.key() == null || record.key().length != Integer.BYTES) {
            log.warn("Skipping a movie record whose key is not an int movie id");
            counters.movieSkipped();
            return;
        }
        int movieId = ByteBuffer.wrap(record.key()).getInt();
        if (record.value() == null) {
            catalogue.delete(movieId);
            return;
        }
        Movie movie;
        try {
            movie = movies.deserialize(topic, record.headers(), record.value());
        } catch (SerializationException e) {
            log.warn("Skipping movie {}: its value cannot be decoded: {}", movieId, e.getMessage());
            counters.movieSkipped();
            return;
        }
        if (movie.getMovieId() != movieId) {
            log.warn("Skipping movie record keyed {} that describes movie {}", movieId, movie.getMovieId());
            counters.movieSkipped();
            return;
        }
        catalogue.put(movieId, movie);
    }
}
