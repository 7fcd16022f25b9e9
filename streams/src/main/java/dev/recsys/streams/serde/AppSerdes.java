package dev.recsys.streams.serde;

import dev.recsys.schemas.ModelUpdate;
import dev.recsys.schemas.Movie;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.schemas.Recommendations;
import dev.recsys.serde.AvroSerdes;
import dev.recsys.serde.SerdeConfig;
import dev.recsys.streams.config.StreamsSettings;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * The value serdes of the app, built once from configuration and passed to the topology; keys are plain Kafka int
 * and string serdes. Ratings, movies and model updates are decoded inside processors (from bytes) so that a bad record
 * is handled there, not by a deserialization handler.
 */
public record AppSerdes(Serde<RatingEvent> ratingEvent, Serde<Movie> movie, Serde<ModelUpdate> modelUpdate,
                        Serde<Recommendations> recommendations) {

    public static AppSerdes from(StreamsSettings settings) {
        return avro(SerdeConfig.registry(settings.kafka().schemaRegistryUrl(),
                settings.kafka().schemaRegistryUserInfo()));
    }

    public static AppSerdes avro(Map<String, ?> config) {
        return new AppSerdes(AvroSerdes.value(RatingEvent.class, config), AvroSerdes.value(Movie.class, config),
                AvroSerdes.value(ModelUpdate.class, config), AvroSerdes.value(Recommendations.class, config));
    }
}
