package dev.recsys.serde;

import dev.recsys.serde.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** Configured serdes of generated classes, the one place services get their Avro serdes from. */
public final class AvroSerdes {

    private AvroSerdes() {
    }

    /** A value serde for the generated class, configured from {@link SerdeConfig} names (specific reader on). */
    public static <T extends SpecificRecord> SpecificAvroSerde<T> value(Class<T> type, Map<String, ?> config) {
        return configured(new SpecificAvroSerde<>(type), config, false);
    }

    /** A key serde for the generated class (subject {@code <topic>-key}). */
    public static <T extends SpecificRecord> SpecificAvroSerde<T> key(Class<T> type, Map<String, ?> config) {
        return configured(new SpecificAvroSerde<>(type), config, true);
    }

    /** A value serde sharing one registry client (and so its id cache) with other serdes. */
    public static <T extends SpecificRecord> SpecificAvroSerde<T> value(Class<T> type, SchemaRegistryClient registry,
                                                                        Map<String, ?> config) {
        return configured(new SpecificAvroSerde<>(registry, type), config, false);
    }

    private static <T extends SpecificRecord> SpecificAvroSerde<T> configured(SpecificAvroSerde<T> serde,
                                                                              Map<String, ?> config, boolean isKey) {
        serde.configure(config, isKey);
        return serde;
    }
}
