package dev.recsys.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recsys.common.cli.Cli;
import dev.recsys.common.topics.Topics;
import dev.recsys.embedded.junit.KafkaBroker;
import dev.recsys.embedded.junit.WithKafka;
import dev.recsys.ingest.IngestMain;
import dev.recsys.ingest.io.BadRecord.Reason;
import dev.recsys.ingest.io.ErrorSink;
import dev.recsys.ingest.io.MovieLensReader;
import dev.recsys.ingest.synth.SyntheticMovieLens;
import dev.recsys.schemas.Movie;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.schemas.User;
import dev.recsys.serde.registry.MockSchemaRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@WithKafka
class ReplayIT {
    private static final String REGISTRY = "mock://ReplayIT";

    @TempDir
    static Path data;

    static Path synthetic100k;
    static Path small;

    @BeforeAll
    static void writeData() throws IOException {
        synthetic100k = data.resolve("synthetic-100k");
        SyntheticMovieLens.write(synthetic100k, 943, 1682, 100_000, 11);
        small = data.resolve("small");
        SyntheticMovieLens.write(small, 20, 60, 1_000, 12);
    }

    @AfterAll
    static void dropRegistry() {
        MockSchemaRegistry.drop("ReplayIT");
    }

    @Test
    void replaysEveryEventOnceInPerUserOrderWithUserKeysAfterTheCatalogue(KafkaBroker kafka) {
        ReplayConfig config = config(kafka, synthetic100k);
        try (var ratings = tail(kafka, Topics.RATINGS, RatingEvent.class);
             var movies = tail(kafka, Topics.MOVIES, Movie.class);
             var users = tail(kafka, Topics.USERS, User.class)) {

            ReplaySummary summary = new Replayer(config).run(ProgressListener.NONE);

            MovieLensReader reader = MovieLensReader.open(synthetic100k);
            List<RatingEvent> expected = new ArrayList<>();
            reader.ratings(expected::add, ErrorSink.failFast());
            assertThat(summary.ratingsRead()).isEqualTo(100_000);
            assertThat(summary.ratingsSent()).isEqualTo(100_000);
            assertThat(summary.skippedTotal()).isZero();
            assertThat(summary.cancelled()).isFalse();

            List<ConsumerRecord<Integer, RatingEvent>> sent = ratings.sinceMark();
            assertThat(ratings.partitionCount()).isEqualTo(4);
            assertThat(sent).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getUserId()));
            // exactly once: source + sequence identify an event; none twice, none missing, each equal to its line
            Map<Long, RatingEvent> received = new HashMap<>();
            sent.forEach(r -> assertThat(received.put(r.value().getSequence(), r.value())).as("duplicate").isNull());
            Map<Long, RatingEvent> lines = new HashMap<>();
            expected.forEach(e -> lines.put(e.getSequence(), e));
            assertThat(received).isEqualTo(lines);
            // per-user order: within a partition, each user's events come in time order, ties in file order
            Map<Integer, List<RatingEvent>> byUser = new HashMap<>();
            sent.forEach(r -> byUser.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value()));
            Comparator<RatingEvent> timeThenLine = Comparator.comparing(RatingEvent::getEventTime)
                    .thenComparing(RatingEvent::getSequence);
            assertThat(byUser.values()).allSatisfy(events -> assertThat(events).isSortedAccordingTo(timeThenLine));

            List<ConsumerRecord<Integer, Movie>> movieRecords = movies.sinceMark();
            assertThat(movieRecords).extracting(ConsumerRecord::value)
                    .hasSameElementsAs(reader.movies(ErrorSink.failFast())).hasSize(1682);
            assertThat(movieRecords).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getMovieId()));
            List<ConsumerRecord<Integer, User>> userRecords = users.sinceMark();
            assertThat(userRecords).extracting(ConsumerRecord::value)
                    .hasSameElementsAs(reader.users(ErrorSink.failFast())).hasSize(943);
            assertThat(userRecords).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getUserId()));
        }
        assertThat(topicConfig(kafka, Topics.MOVIES, TopicConfig.CLEANUP_POLICY_CONFIG)).isEqualTo("compact");
        assertThat(topicConfig(kafka, Topics.USERS, TopicConfig.CLEANUP_POLICY_CONFIG)).isEqualTo("compact");
        assertThat(topicConfig(kafka, Topics.RATINGS, TopicConfig.RETENTION_MS_CONFIG)).isEqualTo("-1");
    }

    @Test
    void rateHoldsWithinTwentyPercentAndSkipAndLimitChooseTheSlice(KafkaBroker kafka) {
        // 200 ratings at 400/s: the last is due 0.4975 s after the first; allow 0.5 s +- 20%
        ReplayConfig config = config(kafka, small).withPacing(Pacing.rate(400)).withRange(100, 200);
        List<RatingEvent> all = new ArrayList<>();
        MovieLensReader.open(small).ratings(all::add, ErrorSink.failFast());
        try (var ratings = tail(kafka, Topics.RATINGS, RatingEvent.class)) {

            ReplaySummary summary = new Replayer(config).run(ProgressListener.NONE);

            assertThat(summary.ratingsSent()).isEqualTo(200);
            assertThat(summary.ratingsSeconds()).isBetween(0.4, 0.6);
            // the generator writes u.data in time order, so the slice is lines 101..300
            assertThat(ratings.sinceMark()).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrderElementsOf(all.subList(100, 300));
        }
    }

    @Test
    void badLinesAreCountedPerReasonAndEverythingElseIsSent(KafkaBroker kafka) throws IOException {
        Path dir = data.resolve("bad");
        Files.createDirectories(dir);
        Files.write(dir.resolve("u.item"), List.of(
                "1|A (1995)|01-Jan-1995||u|0|0|0|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0",
                "2|Café (1995)|01-Jan-1995||u|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0",
                "3|Broken"), StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("u.user"), List.of("1|30|F|writer|12345", "2|40|M|other|54321"));
        Files.write(dir.resolve("u.data"), List.of("1\t1\t4\t881250950", "1\t2\t9\t881250951", "2\t3\t3\t881250952",
                "5\t1\t3\t881250953", "not a rating", "2\t2\t5\t881250954"));
        try (var ratings = tail(kafka, Topics.RATINGS, RatingEvent.class)) {

            ReplaySummary summary = new Replayer(config(kafka, dir)).run(ProgressListener.NONE);

            assertThat(summary.ratingsSent()).isEqualTo(2);
            assertThat(summary.moviesSent()).isEqualTo(2);
            assertThat(summary.skipped()).containsOnly(Map.entry(Reason.MALFORMED, 2L),
                    Map.entry(Reason.RATING_OUT_OF_RANGE, 1L), Map.entry(Reason.UNKNOWN_MOVIE, 1L),
                    Map.entry(Reason.UNKNOWN_USER, 1L));
            assertThat(summary.lines()).anyMatch(line -> line.contains("u.data:2: RATING_OUT_OF_RANGE"));
            assertThat(ratings.sinceMark()).extracting(r -> r.value().getSequence()).containsExactlyInAnyOrder(1L, 6L);
        }

        ReplayConfig failing = config(kafka, dir).withOnError(OnError.FAIL);
        assertThatThrownBy(() -> new Replayer(failing).run(ProgressListener.NONE))
                .isInstanceOf(ReplayException.class)
                .hasMessage("Bad input (--on-error fail): u.item:3: MALFORMED: expected 24 pipe-separated fields,"
                        + " found 2 [3|Broken]");
    }

    @Test
    void closeCancelsARunningReplayWhichReportsWhatItSent(KafkaBroker kafka) {
        Replayer replayer = new Replayer(config(kafka, small).withPacing(Pacing.rate(200)));
        AtomicReference<ReplayProgress> last = new AtomicReference<>();

        ReplaySummary summary = replayer.run(progress -> {
            last.set(progress);
            if (progress.phase() == ReplayProgress.Phase.RATINGS && progress.sent() >= 20) {
                replayer.close();
            }
        });

        assertThat(summary.cancelled()).isTrue();
        assertThat(summary.ratingsSent()).isBetween(20L, 200L);
        assertThat(last.get().phase()).isEqualTo(ReplayProgress.Phase.DONE);
        assertThatThrownBy(() -> replayer.run(ProgressListener.NONE)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anUnreachableRegistryEndsTheRunWithOneLineBeforeAnyRating(KafkaBroker kafka) {
        ReplayConfig config = config(kafka, small).withKafka(kafka.bootstrapServers(), "http://127.0.0.1:9");
        try (var ratings = tail(kafka, Topics.RATINGS, RatingEvent.class)) {
            assertThatThrownBy(() -> new Replayer(config).run(ProgressListener.NONE))
                    .isInstanceOf(ReplayException.class)
                    .hasMessageStartingWith("Schema Registry at http://127.0.0.1:9 could not be used: ")
                    .hasMessageNotContaining("\n");
            assertThat(ratings.sinceMark()).isEmpty();
        }
    }

    @Test
    void withoutADataDirectoryItReplaysAGeneratedSyntheticSet(KafkaBroker kafka) {
        ReplayConfig config = config(kafka, null).withRange(0, 500);
        try (var ratings = tail(kafka, Topics.RATINGS, RatingEvent.class)) {

            ReplaySummary summary = new Replayer(config).run(ProgressListener.NONE);

            assertThat(summary.source()).isEqualTo("synthetic/u.data");
            assertThat(summary.ratingsRead()).isEqualTo(SyntheticMovieLens.DEFAULT_RATINGS);
            assertThat(summary.moviesSent()).isEqualTo(SyntheticMovieLens.DEFAULT_MOVIES);
            assertThat(summary.ratingsSent()).isEqualTo(500);
            assertThat(ratings.sinceMark()).hasSize(500);
        }
    }

    @Test
    void aResumedReplaySendsOnlyWhatTheLogDoesNotHoldAndAFullReplayEverything(KafkaBroker kafka,
                                                                                @TempDir Path dir) throws Exception {
        Path resume = dir.resolve("resume");
        SyntheticMovieLens.write(resume, 20, 60, 1_000, 99);
        ReplayConfig config = config(kafka, resume).withResume(true);
        try (var ratings = tail(kafka, Topics.RATINGS, RatingEvent.class)) {
            ReplaySummary first = new Replayer(config.withRange(0, 400)).run(ProgressListener.NONE);
            ReplaySummary rest = new Replayer(config).run(ProgressListener.NONE);
            ReplaySummary again = new Replayer(config).run(ProgressListener.NONE);

            assertThat(first.ratingsSent()).isEqualTo(400);
            assertThat(rest.ratingsSent()).isEqualTo(600);
            assertThat(rest.ratingsLogged()).isEqualTo(400);
            assertThat(again.ratingsSent()).isZero();
            assertThat(again.ratingsLogged()).isEqualTo(1_000);
            assertThat(again.lines().get(0)).contains("0 sent (1000 in the log already)");
            List<Long> sequences = ratings.sinceMark().stream().map(r -> r.value().getSequence()).toList();
            assertThat(sequences).hasSize(1_000).doesNotHaveDuplicates();

            ReplaySummary full = new Replayer(config.withResume(false)).run(ProgressListener.NONE);
            assertThat(full.ratingsSent()).isEqualTo(1_000);
            assertThat(ratings.sinceMark()).as("the first 1,000 and all again").hasSize(2_000);
        }
    }

    @Test
    void theCommandLineReplaysAndPrintsTheSummary(KafkaBroker kafka) {
        var out = new StringWriter();
        var err = new StringWriter();
        CommandLine commandLine = Cli.commandLine(new IngestMain());
        commandLine.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));

        // a full replay: other tests of this class may have sent the same ratings already
        int code = commandLine.execute("replay", "--full-replay", "--data", small.toString(), "--bootstrap-servers",
                kafka.bootstrapServers(), "--schema-registry-url", REGISTRY, "--limit", "300");

        assertThat(code).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).startsWith("Replayed synthetic/u.data: 1000 ratings read, 300 sent, 60 movies,"
                + " 20 users, 0 bad lines skipped;");
    }

    private static ReplayConfig config(KafkaBroker kafka, Path dir) {
        return ReplayConfig.defaults().withDataDir(dir).withKafka(kafka.bootstrapServers(), REGISTRY)
                .withConnectTimeout(Duration.ofSeconds(10));
    }

    private static <V extends org.apache.avro.specific.SpecificRecord> TopicTail<V> tail(
            KafkaBroker kafka, String topic, Class<V> type) {
        // the tail needs the topic's partitions to mark them: create the topics as the replay does
        TopicSetup.prepare(config(kafka, small));
        return new TopicTail<>(kafka.bootstrapServers(), REGISTRY, topic, type);
    }

    private static String topicConfig(KafkaBroker kafka, String topic, String name) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            return admin.describeConfigs(List.of(resource)).all().get().get(resource).get(name).value();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
