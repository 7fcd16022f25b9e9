package dev.recsys.app.faults;

import dev.recsys.embedded.junit.KafkaBroker;
import dev.recsys.embedded.junit.WithKafka;
import dev.recsys.streams.StreamsMain;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two streams instances, each in a JVM of its own, with one standby replica of every store; one is killed with
 * SIGKILL. The survivor answers {@code /users/{id}/recommendations} for every user at once from its standby
 * replicas, and within 30 s from its own active stores.
 */
@WithKafka(backend = WithKafka.Backend.EMBEDDED)
class StandbyFailoverIT {
    private static final Logger log = LoggerFactory.getLogger(StandbyFailoverIT.class);
    private static final Pattern HTTP_PORT = Pattern.compile("HTTP queries on port (\\d+)");
    private static final int USERS = 100;
    private static final int RATINGS = 1_000;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @Test
    void theSurvivorAnswersForEveryUserWithinThirtySecondsOfTheKill(KafkaBroker broker) throws Exception {
        try (FaultStack stack = FaultStack.start(broker)) {
            stack.sendMovies();
            Map<String, String> envA = stack.streamsEnv("standby-it", dir.resolve("a"));
            Map<String, String> envB = stack.streamsEnv("standby-it", dir.resolve("b"));
            envA.put("STREAMS_NUM_STANDBY_REPLICAS", "1");
            envB.put("STREAMS_NUM_STANDBY_REPLICAS", "1");
            try (ChildJvm a = ChildJvm.start(StreamsMain.class, envA, ChildJvm.logFile("standby-failover", "a.log"));
                 ChildJvm b = ChildJvm.start(StreamsMain.class, envB, ChildJvm.logFile("standby-failover", "b.log"))) {
                int portB = Integer.parseInt(b.awaitMatch(HTTP_PORT, Duration.ofSeconds(60)));
                a.awaitLine("-> RUNNING", Duration.ofSeconds(60));
                b.awaitLine("-> RUNNING", Duration.ofSeconds(60));
                stack.sendRatings(RATINGS, 500, USERS, 9);
                assertThat(stack.readAnswers(RATINGS, Duration.ofSeconds(60))).hasSize(RATINGS);
                await("both instances answer every user").atMost(Duration.ofSeconds(30))
                        .until(() -> unanswered(portB, false).isEmpty());

                a.kill();
                Instant killed = Instant.now();
                // at once from the standby replicas, until the group moves the dead instance's partitions over
                await("every user answered by the survivor").atMost(ANSWER_WITHIN)
                        .pollInterval(Duration.ofMillis(250)).until(() -> unanswered(portB, false).isEmpty());
                log.info("the survivor answered every user {} ms after the kill",
                        Duration.between(killed, Instant.now()).toMillis());
                await("every user answered by the survivor as the owner").atMost(ANSWER_WITHIN)
                        .pollInterval(Duration.ofMillis(250)).until(() -> unanswered(portB, true).isEmpty());
                log.info("the survivor owned every user {} ms after the kill",
                        Duration.between(killed, Instant.now()).toMillis());
            }
        }
    }

    /** Users the instance on {@code port} does not answer with a 200 right now (from its own active store). */
    private Set<Integer> unanswered(int port, boolean asOwner) {
        Set<Integer> missing = new HashSet<>();
        IntStream.rangeClosed(1, USERS).forEach(user -> {
            HttpResponse<String> response = get(port, "/users/" + user + "/recommendations");
            if (response == null || response.statusCode() != 200
                    || asOwner && response.body().contains("(standby)")) {
                missing.add(user);
            }
        });
        return missing;
    }

    private HttpResponse<String> get(int port, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(3)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            return null;
        }
    }
}
