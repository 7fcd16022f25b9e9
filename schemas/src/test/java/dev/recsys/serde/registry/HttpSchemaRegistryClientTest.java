package dev.recsys.serde.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recsys.schemas.Movie;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.serde.SerdeConfig;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST client alone, against the test registry: paths, caching, error codes. */
class HttpSchemaRegistryClientTest {
    private TestRegistryServer server;
    private HttpSchemaRegistryClient client;

    @BeforeEach
    void start() throws IOException {
        server = TestRegistryServer.start();
        client = new HttpSchemaRegistryClient(RegistrySettings.from(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL,
                server.url() + "/")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void registeringTwiceCostsOneRequestAndTheIdIsKnownBothWays() {
        int id = client.register("ratings-value", RatingEvent.getClassSchema());
        int again = client.register("ratings-value", RatingEvent.getClassSchema());

        assertThat(again).isEqualTo(id);
        assertThat(client.getById(id)).isEqualTo(RatingEvent.getClassSchema());
        assertThat(client.getId("ratings-value", RatingEvent.getClassSchema())).isEqualTo(id);
        assertThat(server.requests()).containsExactly("POST /subjects/ratings-value/versions");
    }

    @Test
    void aFreshClientFetchesAndCachesSchemasById() {
        int id = server.registry().register("movies-value", Movie.getClassSchema());

        Schema first = client.getById(id);
        Schema second = client.getById(id);

        assertThat(first).isEqualTo(Movie.getClassSchema()).isSameAs(second);
        assertThat(server.requests()).containsExactly("GET /schemas/ids/" + id);
    }

    @Test
    void lookupAndLatestVersionReadTheSubject() {
        Schema v1 = SchemaBuilder.record("Thing").fields().requiredInt("a").endRecord();
        Schema v2 = SchemaBuilder.record("Thing").fields().requiredInt("a")
                .name("b").type().intType().intDefault(0).endRecord();
        int id1 = server.registry().register("things-value", v1);
        int id2 = server.registry().register("things-value", v2);

        int lookedUp = client.getId("things-value", v1);
        RegisteredSchema latest = client.latestVersion("things-value");

        assertThat(lookedUp).isEqualTo(id1);
        assertThat(latest).isEqualTo(new RegisteredSchema("things-value", id2, 2, v2));
        assertThat(server.requests()).containsExactly("POST /subjects/things-value",
                "GET /subjects/things-value/versions/latest");
    }

    @Test
    void compatibilityIsAskedOfTheRegistry() {
        Schema v1 = SchemaBuilder.record("Thing").fields().requiredInt("a").endRecord();
        Schema defaulted = SchemaBuilder.record("Thing").fields().requiredInt("a")
                .name("b").type().intType().intDefault(0).endRecord();
        Schema required = SchemaBuilder.record("Thing").fields().requiredInt("a").requiredInt("b").endRecord();
        server.registry().register("things-value", v1);

        assertThat(client.testCompatibility("things-value", defaulted)).isTrue();
        assertThat(client.testCompatibility("things-value", required)).isFalse();
        assertThat(client.testCompatibility("nothing-yet-value", required)).isTrue();
        assertThat(server.requests()).contains("POST /compatibility/subjects/things-value/versions/latest");
    }

    @Test
    void registryErrorsKeepConfluentsErrorCode() {
        assertThatThrownBy(() -> client.latestVersion("missing-value"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND);
                    assertThat(e.status()).isEqualTo(404);
                })
                .hasMessageContaining("missing-value");
        assertThatThrownBy(() -> client.getById(77))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
    }

    @Test
    void subjectsAreEscapedInThePath() {
        Schema schema = SchemaBuilder.record("Odd").fields().requiredInt("a").endRecord();

        int id = client.register("odd name/with+signs", schema);

        assertThat(server.registry().subjects()).containsExactly("odd name/with+signs");
        assertThat(server.requests()).containsExactly("POST /subjects/odd%20name%2Fwith%2Bsigns/versions");
        assertThat(server.registry().getId("odd name/with+signs", schema)).isEqualTo(id);
    }

    @Test
    void anErrorBodyThatIsNotJsonIsKeptAsText() {
        SchemaRegistryException error = HttpSchemaRegistryClient.error("GET", URI.create("http://registry/x"), 502,
                "<html>Bad Gateway</html>");

        assertThat(error.errorCode()).isEqualTo(502);
        assertThat(error.getMessage()).contains("HTTP 502").contains("<html>Bad Gateway</html>").contains("/x");
    }

    @Test
    void confluentErrorJsonIsParsed() {
        SchemaRegistryException error = HttpSchemaRegistryClient.error("POST", URI.create("http://registry/subjects/s"),
                409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}");

        assertThat(error.errorCode()).isEqualTo(409);
        assertThat(error.status()).isEqualTo(409);
        assertThat(error.getMessage()).contains("Schema being registered is incompatible");
    }
}
