package dev.recsys.streams.topology;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Headers of a dead letter. The record keeps its original key and value bytes and headers; these are added, so that
 * the letter can be inspected and replayed as it was.
 */
public final class DeadLetters {
    public static final String REASON = "dlq.reason";
    public static final String DETAIL = "dlq.detail";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    public static final String APPLICATION = "dlq.application.id";

    private DeadLetters() {
    }

    public static Headers headers(Headers original, DeadLetterReason reason, String detail,
                                  Optional<RecordMetadata> source, String applicationId) {
        Headers headers = new RecordHeaders(original.toArray());
        put(headers, REASON, reason.name());
        put(headers, DETAIL, detail);
        source.ifPresent(meta -> {
            put(headers, SOURCE_TOPIC, meta.topic());
            put(headers, SOURCE_PARTITION, Integer.toString(meta.partition()));
            put(headers, SOURCE_OFFSET, Long.toString(meta.offset()));
        });
        put(headers, APPLICATION, applicationId);
        return headers;
    }

    /** The text of the last header with that name, or null. */
    public static String text(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }
}
