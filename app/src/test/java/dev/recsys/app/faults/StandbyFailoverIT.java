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
 * SIGKILL. Within 30 s the survivor answers {@code /users/{id}/recommendations} for every user.
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
                        .until(() -> unanswered(portB).isEmpty());

                a.kill();
                Instant killed = Instant.now();
                // the dead instance's users are forwarded to it, and fail, until their partitions move to the survivor
                await("every user answered by the survivor").atMost(ANSWER_WITHIN)
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> unanswered(portB).isEmpty());
                log.info("the survivor answered every user {} ms after the kill",
                        Duration.between(killed, Instant.now()).toMillis());
            }
        }
    }

    /** Users the instance on {@code port} does not answer with a 200 right now. */
    private Set<Integer> unanswered(int port) {
        Set<Integer> missing = new HashSet<>();
        IntStream.rangeClosed(1, USERS).forEach(user -> {
            if (status(port, "/users/" + user + "/recommendations") != 200) {
                missing.add(user);
            }
        });
        return missing;
    }

    private int status(int port, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(3)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
