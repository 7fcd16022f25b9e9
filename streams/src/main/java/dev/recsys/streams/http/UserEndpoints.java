package dev.recsys.streams.http;

import dev.recsys.common.http.ServiceHttp;
import dev.recsys.schemas.Recommendations;
import dev.recsys.streams.scoring.ModelHolder;
import dev.recsys.streams.topology.RecommendationsFactory;
import dev.recsys.streams.topology.TopologyNames;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-user queries, {@code GET /users/{id}/recommendations} (the user's last emitted list) and
 * {@code GET /users/{id}/view} (the page's view: best rated movies beside the list, with why). The instance that owns
 * the user's partition answers from its stores; any other instance forwards the request there once (a forwarded
 * request is never forwarded again, so two instances that disagree during a rebalance cannot bounce it between them).
 * When the owner does not answer (it died, and the group has not moved its partitions yet), an instance holding a
 * standby replica of the user's partition answers the list from it, saying so in {@code servedBy}: it may lag the
 * owner's by the few records the standby had not applied yet.
 */
final class UserEndpoints {
    static final String FORWARDED_HEADER = "X-Recsys-Forwarded-By";
    private static final Logger log = LoggerFactory.getLogger(UserEndpoints.class);

    /** Answers a request for a user this instance owns. */
    @FunctionalInterface
    private interface LocalAnswer {
        void answer(Context ctx, KafkaStreams streams, KeyQueryMetadata owner, int userId);
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final UserViews views;
    private volatile Supplier<KafkaStreams> streams = () -> null;
    private volatile HostInfo self;

    UserEndpoints(ModelHolder models) {
        this.views = new UserViews(models);
    }

    void attach(Supplier<KafkaStreams> streams, HostInfo self) {
        this.self = self;
        this.streams = streams;
    }

    void recommendations(Context ctx, int userId) {
        route(ctx, userId, "recommendations", (c, kafkaStreams, owner, id) -> latestList(c, kafkaStreams, owner, id,
                false), (c, kafkaStreams, owner, id) -> latestList(c, kafkaStreams, owner, id, true));
    }

    void view(Context ctx, int userId) {
        route(ctx, userId, "view", (c, kafkaStreams, owner, id) ->
                ServiceHttp.send(c, 200, views.view(kafkaStreams, owner.partition(), id, servedBy())), null);
    }

    /** {@code standby}, when not null, answers from a standby replica if the owner cannot be reached. */
    private void route(Context ctx, int userId, String resource, LocalAnswer local, LocalAnswer standby) {
        KafkaStreams kafkaStreams = streams.get();
        KeyQueryMetadata owner = kafkaStreams == null ? null : kafkaStreams.queryMetadataForKey(
                TopologyNames.LATEST_RECOMMENDATIONS_STORE, userId, new IntegerSerializer());
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            unavailable(ctx, "no instance owns user " + userId + " right now (starting or rebalancing)");
            return;
        }
        if (owner.activeHost().equals(self)) {
            try {
                local.answer(ctx, kafkaStreams, owner, userId);
            } catch (InvalidStateStoreException e) {
                unavailable(ctx, "the stores for user " + userId + " are not queryable yet: " + e.getMessage());
            }
        } else if (ctx.header(FORWARDED_HEADER) != null) {
            unavailable(ctx, "user " + userId + " moved while the request was forwarded; try again");
        } else if (!forward(ctx, owner.activeHost(), userId, resource) && standby != null
                && owner.standbyHosts().contains(self)) {
            try {
                standby.answer(ctx, kafkaStreams, owner, userId);
            } catch (InvalidStateStoreException e) {
                unavailable(ctx, "the standby stores for user " + userId + " are not queryable: " + e.getMessage());
            }
        }
    }

    private void latestList(Context ctx, KafkaStreams kafkaStreams, KeyQueryMetadata owner, int userId,
                            boolean fromStandby) {
        StoreQueryParameters<ReadOnlyKeyValueStore<Integer, Recommendations>> query =
                StoreQueryParameters.fromNameAndType(TopologyNames.LATEST_RECOMMENDATIONS_STORE,
                        QueryableStoreTypes.keyValueStore());
        if (fromStandby) {
            query = query.enableStaleStores().withPartition(owner.partition());
        }
        Recommendations latest = kafkaStreams.store(query).get(userId);
        if (latest == null) {
            ServiceHttp.error(ctx, 404, "no recommendations for user " + userId + " yet");
        } else {
            // the store keeps lists without titles: they come from the catalogue, as when the list was made
            ServiceHttp.send(ctx, 200, Views.of(RecommendationsFactory.withTitles(latest,
                    UserViews.titles(kafkaStreams)), fromStandby ? servedBy() + " (standby)" : servedBy()));
        }
    }

    private String servedBy() {
        return self.host() + ":" + self.port();
    }

    /** False when the owner could not be reached (the answer is then a 502, unless the caller answers otherwise). */
    private boolean forward(Context ctx, HostInfo owner, int userId, String resource) {
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + "/users/" + userId + "/" + resource);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .header(FORWARDED_HEADER, servedBy()).GET().build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            ctx.status(response.statusCode()).contentType(ServiceHttp.JSON).result(response.body());
            response.headers().firstValue("Retry-After").ifPresent(value -> ctx.header("Retry-After", value));
            return true;
        } catch (IOException e) {
            log.warn("Forwarding user {} to {} failed: {}", userId, uri, e.toString());
            ServiceHttp.error(ctx, 502, "the instance owning user " + userId + " (" + owner.host() + ":"
                    + owner.port() + ") did not answer: " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unavailable(ctx, "interrupted while forwarding");
            return true;
        }
    }

    private static void unavailable(Context ctx, String why) {
        ctx.header("Retry-After", "1");
        ServiceHttp.error(ctx, 503, why);
    }
}
