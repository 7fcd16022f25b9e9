package dev.recsys.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.recsys.common.topics.Topics;
import dev.recsys.model.FastScorer;
import dev.recsys.model.History;
import dev.recsys.model.HybridModel;
import dev.recsys.model.ModelChunks;
import dev.recsys.model.RatingData;
import dev.recsys.schemas.RatingScale;
import dev.recsys.schemas.Genre;
import dev.recsys.schemas.ModelUpdate;
import dev.recsys.schemas.Movie;
import dev.recsys.schemas.RatingEvent;
import dev.recsys.schemas.Recommendations;
import dev.recsys.schemas.RecommendedItem;
import dev.recsys.schemas.Strategy;
import dev.recsys.serde.registry.MockSchemaRegistry;
import dev.recsys.streams.TestData;
import dev.recsys.streams.config.StreamsSettings;
import dev.recsys.streams.scoring.FastScorerLoader;
import dev.recsys.streams.scoring.ModelHolder;
import dev.recsys.streams.scoring.ModelTimeline;
import dev.recsys.streams.serde.AppSerdes;
import dev.recsys.streams.state.RatedMovie;
import dev.recsys.streams.state.UserRatings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecsysTopologyTest {
    private static final Instant START = Instant.parse("2024-03-01T12:00:00Z");
    private static final String SCOPE = "RecsysTopologyTest";
    private static final int USER = 7;

    private static TestData data;
    private static HybridModel model1;
    /** Records small enough that a test model travels as a few chunks. */
    private static final int CHUNKED_RECORD_BYTES = 200 * 1024;
    private static ModelUpdate update1;
    private static ModelUpdate update2;

    private TopologyTestDriver driver;
    private AppSerdes serdes;
    private ModelHolder models;
    private AppCounters counters;
    private TestInputTopic<Integer, RatingEvent> ratings;
    private TestInputTopic<byte[], byte[]> rawRatings;
    private TestInputTopic<String, ModelUpdate> modelUpdates;
    private TestInputTopic<byte[], byte[]> rawModelUpdates;
    private TestInputTopic<Integer, Movie> movies;
    private TestOutputTopic<Integer, Recommendations> recommendations;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private long sequence;

    @BeforeAll
    static void trainModels(@TempDir Path dir) throws Exception {
        data = TestData.generate(dir, 60, 150, 4000, 11);
        model1 = data.train(data.ratings(), 2, 1);
        HybridModel model2 = data.train(data.ratings(), 1, 2);
        update1 = TestData.update(model1, 1, data.ratings().size());
        update2 = TestData.update(model2, 2, data.ratings().size());
    }

    @BeforeEach
    void startDriver(@TempDir Path stateDir) {
        MockSchemaRegistry.drop(SCOPE);
        StreamsSettings settings = StreamsSettings.parse("--state-dir", stateDir.toString(),
                "--schema-registry-url", "mock://" + SCOPE, "--application-id", "recsys-topology-test");
        serdes = AppSerdes.from(settings);
        models = new ModelHolder(new FastScorerLoader());
        counters = new AppCounters(new SimpleMeterRegistry());
        driver = new TopologyTestDriver(RecsysTopology.build(settings, serdes, models, counters),
                settings.streamsProperties(settings.httpPort()), START);
        ratings = driver.createInputTopic(Topics.RATINGS, new IntegerSerializer(), serdes.ratingEvent().serializer());
        rawRatings = driver.createInputTopic(Topics.RATINGS, new ByteArraySerializer(), new ByteArraySerializer());
        modelUpdates = driver.createInputTopic(Topics.MODEL_UPDATES, new StringSerializer(),
                serdes.modelUpdate().serializer());
        rawModelUpdates = driver.createInputTopic(Topics.MODEL_UPDATES, new ByteArraySerializer(),
                new ByteArraySerializer());
        movies = driver.createInputTopic(Topics.MOVIES, new IntegerSerializer(), serdes.movie().serializer());
        recommendations = driver.createOutputTopic(Topics.RECOMMENDATIONS, new IntegerDeserializer(),
                serdes.recommendations().deserializer());
        deadLetters = driver.createOutputTopic(Topics.RATINGS_DLQ, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        data.movies().forEach(movie -> movies.pipeInput(movie.getMovieId(), movie));
    }

    @AfterEach
    void closeDriver() {
        driver.close();
        MockSchemaRegistry.drop(SCOPE);
    }

    @Test
    void emitsTheModelsTop10WithoutAlreadyRatedMovies() {
        modelUpdates.pipeInput(Topics.MODEL_NAME, update1);
        List<Integer> rated = List.of(movieAt(0), movieAt(1), movieAt(2));
        RatingEvent last = null;
        for (int movieId : rated) {
            last = rate(USER, movieId, 4f);
        }

        List<Recommendations> out = recommendations.readValuesToList();
        assertThat(out).hasSize(3);
        Recommendations latest = out.get(2);
        assertThat(latest.getStrategy()).isEqualTo(Strategy.MODEL);
        assertThat(latest.getModelVersion()).isEqualTo(1L);
        assertThat(latest.getUserId()).isEqualTo(USER);
        assertThat(latest.getItems()).hasSize(10);
        assertThat(ids(latest)).doesNotContainAnyElementsOf(rated);
        assertThat(latest.getTriggerSource()).isEqualTo(last.getSource());
        assertThat(latest.getTriggerSequence()).isEqualTo(last.getSequence());
        assertThat(latest.getTriggerEventTime()).isEqualTo(last.getEventTime());
        assertThat(latest.getGeneratedAt()).isEqualTo(START);
        Map<Integer, Movie> catalogue = data.moviesById();
        for (RecommendedItem item : latest.getItems()) {
            assertThat(item.getTitle()).isEqualTo(catalogue.get(item.getMovieId()).getTitle());
        }
        assertIsTheModelsTop10(latest, historyOf(USER, rated, 4f));
    }

    @Test
    void aRatingChangesTheListBeyondRemovingTheRatedMovieWithoutANewModel() {
        modelUpdates.pipeInput(Topics.MODEL_NAME, update1);
        List<Integer> rated = List.of(movieAt(0), movieAt(1), movieAt(2));
        rated.forEach(movie -> rate(USER, movie, 4f));
        Recommendations before = last(recommendations.readValuesToList());
        // the 11 best before the rating: were the user's vector fixed, the new list would be these without the
        // newly rated movie
        History history = historyOf(USER, rated, 4f);
        List<Integer> staticList = new ArrayList<>(boxed(FastScorer.of(model1).recommend(history, 11).movieIds()));
        int newlyRated = ids(before).get(0);
        staticList.remove(Integer.valueOf(newlyRated));

        rate(USER, newlyRated, 1f);

        Recommendations after = last(recommendations.readValuesToList());
        assertThat(after.getModelVersion()).isEqualTo(before.getModelVersion());
        assertThat(ids(after)).doesNotContain(newlyRated);
        assertThat(ids(after)).isNotEqualTo(staticList.subList(0, 10));
    }

    @Test
    void aUserTheModelHasNeverSeenGetsAPersonalModelListFromTheFirstRating() {
        modelUpdates.pipeInput(Topics.MODEL_NAME, update1);
        rate(99_001, movieAt(0), 5f);
        rate(99_002, movieAt(40), 5f);

        List<Recommendations> out = recommendations.readValuesToList();
        assertThat(out).extracting(Recommendations::getStrategy).containsOnly(Strategy.MODEL);
        assertIsTheModelsTop10(out.get(0), new History(new int[] {movieAt(0)}, new float[] {5f}));
        assertIsTheModelsTop10(out.get(1), new History(new int[] {movieAt(40)}, new float[] {5f}));
        assertThat(ids(out.get(0))).isNotEqualTo(ids(out.get(1)));
    }

    @Test
    void showsANewModelVersionAndIgnoresAnOlderOne() {
        modelUpdates.pipeInput(Topics.MODEL_NAME, update1);
        rate(USER, movieAt(0), 3f);
        modelUpdates.pipeInput(Topics.MODEL_NAME, update2);
        rate(USER, movieAt(1), 3f);
        modelUpdates.pipeInput(Topics.MODEL_NAME, update1);
        rate(USER, movieAt(2), 3f);

        assertThat(recommendations.readValuesToList()).extracting(Recommendations::getModelVersion)
                .containsExactly(1L, 2L, 2L);
        assertThat(models.currentVersion()).isEqualTo(2);
        KeyValueStore<String, Long> versions = driver.getKeyValueStore(TopologyNames.MODEL_VERSION_STORE);
        assertThat(versions.get(Topics.MODEL_NAME)).isEqualTo(2L);
        assertThat(counters.modelUpdates(AppCounters.ModelOutcome.APPLIED)).isEqualTo(2);
        assertThat(counters.modelUpdates(AppCounters.ModelOutcome.IGNORED)).isEqualTo(1);
        assertThat(counters.recommendations(Strategy.MODEL)).isEqualTo(3);
    }

    @Test
    void everyPublishedVersionIsOnePointOfTheTimelineWithItsFigures() {
        modelUpdates.pipeInput(Topics.MODEL_NAME, update2);
        modelUpdates.pipeInput(Topics.MODEL_NAME, update1);
        modelUpdates.pipeInput(Topics.MODEL_NAME, update2);

        assertThat(models.timeline().points()).extracting(ModelTimeline.Point::version).containsExactly(1L, 2L);
        ModelTimeline.Point first = models.timeline().points().get(0);
        assertThat(first.metrics()).isEqualTo(update1.getMetrics());
        assertThat(first.ratingsSeen()).isEqualTo(update1.getRatingsSeen());
        assertThat(first.createdAt()).isEqualTo(update1.getCreatedAt());
        assertThat(models.currentVersion()).as("the older version is charted, not used").isEqualTo(2);
    }

    @Test
    void fallsBackToPopularityBeforeAnyModel() {
        List<RatingEvent> history = data.ratings().subList(0, 600);
        history.forEach(e -> ratings.pipeInput(e.getUserId(), e));
        int user = history.get(history.size() - 1).getUserId();
        RatingEvent trigger = rate(user, movieAt(3), 5f);

        List<Recommendations> out = recommendations.readValuesToList();
        assertThat(out).hasSize(history.size() + 1);
        Recommendations latest = out.get(out.size() - 1);
        assertThat(latest.getStrategy()).isEqualTo(Strategy.POPULARITY);
        assertThat(latest.getModelVersion()).isNull();
        assertThat(counters.recommendations(Strategy.POPULARITY)).isEqualTo(out.size());
        assertThat(counters.recommendations(Strategy.MODEL)).isZero();

        List<RatingEvent> all = new ArrayList<>(history);
        all.add(trigger);
        List<Integer> expected = popularTop10(all, user);
        assertThat(ids(latest)).containsExactlyElementsOf(expected);
        Map<Integer, double[]> stats = countAndSum(all);
        for (RecommendedItem item : latest.getItems()) {
            double[] cs = stats.get(item.getMovieId());
            assertThat((double) item.getScore()).isCloseTo(cs[1] / cs[0], within(1e-4));
        }
    }

    @Test
    void scoresAColdStartUserAndLeavesOutAMovieTheModelDoesNotKnow() {
        modelUpdates.pipeInput(Topics.MODEL_NAME, update1);
        int newMovie = 90_001;
        movies.pipeInput(newMovie, new Movie(newMovie, "Brand New (2024)", null, List.of(Genre.DRAMA)));
        int coldUser = 99_999;

        rate(coldUser, movieAt(0), 4.5f);
        rate(USER, newMovie, 4f);

        List<Recommendations> out = recommendations.readValuesToList();
        assertThat(out).hasSize(2);
        Recommendations cold = out.get(0);
        assertThat(cold.getStrategy()).isEqualTo(Strategy.MODEL);
        assertThat(cold.getItems()).hasSize(10);
        assertIsTheModelsTop10(cold, new History(new int[] {movieAt(0)}, new float[] {4.5f}));
        Recommendations known = out.get(1);
        assertThat(known.getStrategy()).isEqualTo(Strategy.MODEL);
        assertThat(known.getItems()).hasSize(10);
        assertThat(ids(known)).doesNotContain(newMovie);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void sendsEachKindOfBadRatingToTheDeadLetterTopicAndGoesOn() {
        modelUpdates.pipeInput(Topics.MODEL_NAME, update1);
        byte[] userKey = new IntegerSerializer().serialize(Topics.RATINGS, USER);
        byte[] notAvro = "not avro at all".getBytes(StandardCharsets.UTF_8);
        byte[] unknownSchema = {0, 0, 0, 0x27, 0x0F, 2, 4, 6};
        rawRatings.pipeInput(userKey, notAvro);
        rawRatings.pipeInput(userKey, unknownSchema);
        rawRatings.pipeInput(new byte[] {1, 2, 3}, notAvro);
        rawRatings.pipeInput(new TestRecord<>(userKey, (byte[]) null));
        RatingEvent tooHigh = event(USER, movieAt(0), 7f);
        RatingEvent zero = event(USER, movieAt(0), 0f);
        RatingEvent nan = event(USER, movieAt(0), Float.NaN);
        RatingEvent unknownMovie = event(USER, 424_242, 4f);
        RatingEvent otherUser = event(USER + 1, movieAt(0), 4f);
        ratings.pipeInput(USER, tooHigh);
        ratings.pipeInput(USER, zero);
        ratings.pipeInput(USER, nan);
        ratings.pipeInput(USER, unknownMovie);
        ratings.pipeInput(USER, otherUser);
        rate(USER, movieAt(1), 4f);
        // a movie the catalogue never shows: held, then a dead letter once the wait is over
        driver.advanceWallClockTime(RatingProcessor.UNKNOWN_MOVIE_WAIT.plusSeconds(1));

        List<TestRecord<byte[], byte[]>> letters = deadLetters.readRecordsToList();
        assertThat(letters).extracting(r -> DeadLetters.text(r.headers(), DeadLetters.REASON)).containsExactly(
                "UNDECODABLE_VALUE", "UNDECODABLE_VALUE", "UNDECODABLE_KEY", "UNDECODABLE_VALUE",
                "RATING_OUT_OF_RANGE", "RATING_OUT_OF_RANGE", "RATING_OUT_OF_RANGE", "KEY_MISMATCH",
                "UNKNOWN_MOVIE");
        assertThat(letters.get(0).value()).isEqualTo(notAvro);
        assertThat(letters.get(0).key()).isEqualTo(userKey);
        assertThat(letters.get(1).value()).isEqualTo(unknownSchema);
        assertThat(letters.get(2).key()).isEqualTo(new byte[] {1, 2, 3});
        assertThat(letters.get(3).value()).isNull();
        assertThat(letters.get(4).value()).isEqualTo(serdes.ratingEvent().serializer().serialize(Topics.RATINGS, tooHigh));
        for (TestRecord<byte[], byte[]> letter : letters) {
            Headers headers = letter.headers();
            assertThat(DeadLetters.text(headers, DeadLetters.DETAIL)).isNotBlank();
            assertThat(DeadLetters.text(headers, DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.RATINGS);
            assertThat(DeadLetters.text(headers, DeadLetters.SOURCE_OFFSET)).isNotBlank();
        }
        assertThat(DeadLetters.text(letters.get(8).headers(), DeadLetters.DETAIL)).contains("424242", "held");
        assertThat(letters.get(8).value())
                .isEqualTo(serdes.ratingEvent().serializer().serialize(Topics.RATINGS, unknownMovie));

        List<Recommendations> out = recommendations.readValuesToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).getStrategy()).isEqualTo(Strategy.MODEL);
        KeyValueStore<Long, RatedMovie> histories = driver.getKeyValueStore(TopologyNames.USER_RATINGS_STORE);
        assertThat(UserRatings.history(histories, USER).size()).isEqualTo(1);
        assertThat(UserRatings.history(histories, USER).movieId(0)).isEqualTo(movieAt(1));
        assertThat(counters.deadLetters(DeadLetterReason.UNDECODABLE_VALUE)).isEqualTo(3);
        assertThat(counters.deadLetters(DeadLetterReason.UNDECODABLE_KEY)).isEqualTo(1);
        assertThat(counters.deadLetters(DeadLetterReason.RATING_OUT_OF_RANGE)).isEqualTo(3);
        assertThat(counters.deadLetters(DeadLetterReason.UNKNOWN_MOVIE)).isEqualTo(1);
        assertThat(counters.deadLetters(DeadLetterReason.KEY_MISMATCH)).isEqualTo(1);
        assertThat(counters.recommendations(Strategy.MODEL)).isEqualTo(1);
    }

    @Test
    void aRatingThatOvertakesItsMovieIsHeldAndAnsweredOnceTheCatalogueShowsTheMovie() {
        modelUpdates.pipeInput(Topics.MODEL_NAME, update1);
        int lateMovie = 90_010;
        rate(USER, movieAt(0), 4f);
        RatingEvent early = rate(USER, lateMovie, 5f);
        rate(USER + 1, movieAt(1), 3f);

        assertThat(recommendations.readValuesToList()).extracting(Recommendations::getUserId)
                .as("the early rating waits; the others are answered").containsExactly(USER, USER + 1);
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        assertThat(recommendations.isEmpty()).as("still not in the catalogue").isTrue();

        movies.pipeInput(lateMovie, new Movie(lateMovie, "Late Arrival (2024)", null, List.of(Genre.DRAMA)));
        driver.advanceWallClockTime(Duration.ofSeconds(1));

        List<Recommendations> out = recommendations.readValuesToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).getUserId()).isEqualTo(USER);
        assertThat(out.get(0).getStrategy()).isEqualTo(Strategy.MODEL);
        assertThat(out.get(0).getTriggerSequence()).isEqualTo(early.getSequence());
        KeyValueStore<Long, RatedMovie> histories = driver.getKeyValueStore(TopologyNames.USER_RATINGS_STORE);
        assertThat(UserRatings.history(histories, USER).ratingOf(lateMovie)).isEqualTo(5f);
        driver.advanceWallClockTime(RatingProcessor.UNKNOWN_MOVIE_WAIT.multipliedBy(2));
        assertThat(recommendations.isEmpty()).as("answered once").isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(counters.deadLetters(DeadLetterReason.UNKNOWN_MOVIE)).isZero();
    }

    @Test
    void aModelInChunksIsAppliedOnceItsLastChunkArrives() {
        List<ModelUpdate> chunks = ModelChunks.split(update2, CHUNKED_RECORD_BYTES);
        modelUpdates.pipeInput(Topics.MODEL_NAME, update1);

        for (int i = 0; i < chunks.size() - 1; i++) {
            modelUpdates.pipeInput(ModelChunks.key(Topics.MODEL_NAME, i), chunks.get(i));
        }
        assertThat(models.currentVersion()).as("not before every chunk is there").isEqualTo(1);
        modelUpdates.pipeInput(ModelChunks.key(Topics.MODEL_NAME, chunks.size() - 1), chunks.get(chunks.size() - 1));

        assertThat(chunks.size()).isGreaterThan(2);
        assertThat(models.currentVersion()).isEqualTo(2);
        assertThat(models.timeline().points()).extracting(ModelTimeline.Point::version).containsExactly(1L, 2L);
        assertThat(models.timeline().points().get(1).metrics()).isEqualTo(update2.getMetrics());
        KeyValueStore<String, Long> versions = driver.getKeyValueStore(TopologyNames.MODEL_VERSION_STORE);
        assertThat(versions.get(Topics.MODEL_NAME)).isEqualTo(2L);
    }

    @Test
    void aModelWithAChunkMissingIsRejectedAndTheCurrentOneKeepsServing() {
        List<ModelUpdate> chunks = ModelChunks.split(update2, CHUNKED_RECORD_BYTES);
        modelUpdates.pipeInput(Topics.MODEL_NAME, update1);

        for (int i = 0; i < chunks.size(); i++) {
            if (i != 1) {
                modelUpdates.pipeInput(ModelChunks.key(Topics.MODEL_NAME, i), chunks.get(i));
            }
        }
        rate(USER, movieAt(0), 4f);

        assertThat(recommendations.readValue().getModelVersion()).isEqualTo(1L);
        assertThat(models.currentVersion()).isEqualTo(1);
        assertThat(counters.modelUpdates(AppCounters.ModelOutcome.INCOMPLETE)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aModelWithACorruptChunkIsRejectedAndTheCurrentOneKeepsServing() {
        List<ModelUpdate> chunks = new ArrayList<>(ModelChunks.split(update2, CHUNKED_RECORD_BYTES));
        byte[] corrupt = bytes(chunks.get(1).getPayload());
        corrupt[corrupt.length / 2] ^= 0x5A;
        chunks.set(1, ModelUpdate.newBuilder(chunks.get(1)).setPayload(ByteBuffer.wrap(corrupt)).build());
        modelUpdates.pipeInput(Topics.MODEL_NAME, update1);

        for (int i = 0; i < chunks.size(); i++) {
            modelUpdates.pipeInput(ModelChunks.key(Topics.MODEL_NAME, i), chunks.get(i));
        }

        assertThat(models.currentVersion()).isEqualTo(1);
        assertThat(counters.modelUpdates(AppCounters.ModelOutcome.REJECTED)).isEqualTo(1);
    }

    @Test
    void chunksOfTwoVersionsMixedAreRejectedAndTheNextWholeVersionApplies() {
        List<ModelUpdate> older = ModelChunks.split(update1, CHUNKED_RECORD_BYTES);
        List<ModelUpdate> newer = ModelChunks.split(update2, CHUNKED_RECORD_BYTES);

        modelUpdates.pipeInput(ModelChunks.key(Topics.MODEL_NAME, 0), older.get(0));
        modelUpdates.pipeInput(ModelChunks.key(Topics.MODEL_NAME, 1), newer.get(1));
        assertThat(models.currentVersion()).isEqualTo(-1);
        assertThat(counters.modelUpdates(AppCounters.ModelOutcome.INCOMPLETE)).isEqualTo(2);

        for (int i = 0; i < newer.size(); i++) {
            modelUpdates.pipeInput(ModelChunks.key(Topics.MODEL_NAME, i), newer.get(i));
        }
        assertThat(models.currentVersion()).isEqualTo(2);
    }

    @Test
    void aRestartLoadsOnlyTheNewestOfTheModelUpdatesItReadsAgain() {
        List<Long> loads = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        FastScorerLoader real = new FastScorerLoader();
        ModelHolder holder = new ModelHolder((update, at) -> {
            loads.add(update.getVersion());
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return real.load(update, at);
        });
        MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
        ModelUpdateProcessor processor = modelProcessor(holder, context);

        holder.restoringUntil(3);
        for (long version = 1; version <= 3; version++) {
            context.setRecordMetadata(Topics.MODEL_UPDATES, 0, version - 1);
            processor.process(modelRecord(ModelUpdate.newBuilder(update1).setVersion(version).build()));
        }
        assertThat(loads).as("nothing loads before the restore ends").isEmpty();
        holder.restoreEnded();
        assertThat(holder.currentVersion()).as("the restore does not wait for the load").isEqualTo(-1);
        release.countDown();
        assertThat(holder.currentOrAwaitLoad(Duration.ofSeconds(30))).as("loaded in the background").isNotNull();
        assertThat(loads).as("versions loaded during the restore").containsExactly(3L);
        assertThat(holder.currentVersion()).isEqualTo(3);
        assertThat(holder.timeline().points()).hasSize(3);

        context.setRecordMetadata(Topics.MODEL_UPDATES, 0, 3);
        processor.process(modelRecord(ModelUpdate.newBuilder(update1).setVersion(4).build()));
        assertThat(loads).as("a version published after the restore loads at once").containsExactly(3L, 4L);
    }

    @Test
    void theModelLoadedAtStartIsNotLoadedAgainWhenTheRestoreReadsIt() throws InterruptedException {
        List<Long> loads = new CopyOnWriteArrayList<>();
        FastScorerLoader real = new FastScorerLoader();
        ModelHolder holder = new ModelHolder((update, at) -> {
            loads.add(update.getVersion());
            return real.load(update, at);
        });
        MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
        ModelUpdateProcessor processor = modelProcessor(holder, context);

        // as the app does at start, before the restore: the newest version read from the log's end
        ModelUpdate newest = ModelUpdate.newBuilder(update1).setVersion(2).build();
        holder.loadInBackground(() -> new ModelInstaller(holder, counters).install(newest, START));
        holder.restoringUntil(2);
        for (long version = 1; version <= 2; version++) {
            context.setRecordMetadata(Topics.MODEL_UPDATES, 0, version - 1);
            processor.process(modelRecord(ModelUpdate.newBuilder(update1).setVersion(version).build()));
        }
        holder.restoreEnded();
        // background loads run one after the other: this one runs after both
        CountDownLatch drained = new CountDownLatch(1);
        holder.loadInBackground(drained::countDown);
        assertThat(drained.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(holder.currentVersion()).isEqualTo(2);
        assertThat(loads).as("loaded once, at start").containsExactly(2L);
        assertThat(counters.modelUpdates(AppCounters.ModelOutcome.APPLIED)).isEqualTo(1);

        context.setRecordMetadata(Topics.MODEL_UPDATES, 0, 2);
        processor.process(modelRecord(ModelUpdate.newBuilder(update1).setVersion(3).build()));
        assertThat(loads).as("a newer version still loads").containsExactly(2L, 3L);
    }

    @Test
    void aRestoreSkipsWhatCompactionLeftOfAnOlderVersionWithoutCountingIt() {
        ModelHolder holder = new ModelHolder(new FastScorerLoader());
        MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
        ModelUpdateProcessor processor = modelProcessor(holder, context);
        List<ModelUpdate> log = new ArrayList<>();
        // the last chunk of a longer version 1: the only one of its keys that version 2 did not replace
        List<ModelUpdate> older = ModelChunks.split(update1, CHUNKED_RECORD_BYTES / 2);
        log.add(older.get(older.size() - 1));
        log.addAll(ModelChunks.split(update2, CHUNKED_RECORD_BYTES));

        // and a commit marker after the last record: the restore ends past it
        holder.restoringUntil(log.size() + 1);
        for (int offset = 0; offset < log.size(); offset++) {
            ModelUpdate record = log.get(offset);
            context.setRecordMetadata(Topics.MODEL_UPDATES, 0, offset);
            processor.process(new Record<>(ModelChunks.key(Topics.MODEL_NAME, record.getChunkIndex())
                    .getBytes(StandardCharsets.UTF_8),
                    serdes.modelUpdate().serializer().serialize(Topics.MODEL_UPDATES, record), 0L));
        }
        holder.restoreEnded();

        assertThat(older.size()).isGreaterThan(ModelChunks.split(update2, CHUNKED_RECORD_BYTES).size());
        assertThat(holder.currentOrAwaitLoad(Duration.ofSeconds(30))).as("loaded when the restore ended").isNotNull();
        assertThat(holder.currentVersion()).isEqualTo(2);
        assertThat(counters.modelUpdates(AppCounters.ModelOutcome.INCOMPLETE)).isZero();
    }

    private Record<byte[], byte[]> modelRecord(ModelUpdate update) {
        return new Record<>(Topics.MODEL_NAME.getBytes(StandardCharsets.UTF_8),
                serdes.modelUpdate().serializer().serialize(Topics.MODEL_UPDATES, update), 0L);
    }

    @Test
    void skipsAMovieRecordThatIsKeyedWrongOrDoesNotDecodeAndCountsIt() {
        TestInputTopic<byte[], byte[]> rawMovies = driver.createInputTopic(Topics.MOVIES, new ByteArraySerializer(),
                new ByteArraySerializer());
        byte[] key = new IntegerSerializer().serialize(Topics.MOVIES, 90_002);
        rawMovies.pipeInput(new byte[] {1, 2, 3}, "x".getBytes(StandardCharsets.UTF_8));
        rawMovies.pipeInput(key, "not avro at all".getBytes(StandardCharsets.UTF_8));
        movies.pipeInput(90_002, new Movie(90_003, "Keyed Wrong (2024)", null, List.of(Genre.DRAMA)));

        KeyValueStore<Integer, Movie> catalogue = driver.getKeyValueStore(TopologyNames.MOVIE_CATALOGUE_STORE);
        assertThat(catalogue.get(90_002)).isNull();
        assertThat(catalogue.get(90_003)).isNull();
        assertThat(catalogue.get(movieAt(0))).isNotNull();
        assertThat(counters.moviesSkipped()).isEqualTo(3);
    }

    @Test
    void rejectsACorruptOrIncompatibleModelAndKeepsTheCurrentOne() {
        modelUpdates.pipeInput(Topics.MODEL_NAME, update1);
        rate(USER, movieAt(0), 4f);

        byte[] payload = bytes(update2.getPayload());
        payload[payload.length / 2] ^= 0x5A;
        modelUpdates.pipeInput(Topics.MODEL_NAME,
                ModelUpdate.newBuilder(update2).setPayload(ByteBuffer.wrap(payload)).build());
        List<Integer> fewerMovies = new ArrayList<>(update2.getMovieIds().subList(1, update2.getMovieIds().size()));
        List<Integer> fewerMasks = new ArrayList<>(
                update2.getMovieGenreMasks().subList(1, update2.getMovieGenreMasks().size()));
        modelUpdates.pipeInput(Topics.MODEL_NAME, ModelUpdate.newBuilder(update2).setVersion(3)
                .setMovieIds(fewerMovies).setMovieGenreMasks(fewerMasks).build());
        modelUpdates.pipeInput(Topics.MODEL_NAME, ModelUpdate.newBuilder(update2).setVersion(4)
                .setPayloadFormat("onnx/v1").build());
        rawModelUpdates.pipeInput(Topics.MODEL_NAME.getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 1, 9});
        rate(USER, movieAt(1), 4f);

        assertThat(recommendations.readValuesToList()).extracting(Recommendations::getModelVersion)
                .containsExactly(1L, 1L);
        assertThat(models.currentVersion()).isEqualTo(1);
        assertThat(counters.modelUpdates(AppCounters.ModelOutcome.REJECTED)).isEqualTo(4);
        assertThat(counters.modelUpdates(AppCounters.ModelOutcome.APPLIED)).isEqualTo(1);

        modelUpdates.pipeInput(Topics.MODEL_NAME, update2);
        rate(USER, movieAt(2), 4f);
        assertThat(recommendations.readValue().getModelVersion()).isEqualTo(2L);
    }

    @Test
    void keepsTheLatestListPerUserAndCountsAReRatingOnce() {
        modelUpdates.pipeInput(Topics.MODEL_NAME, update1);
        rate(USER, movieAt(0), 2f);
        rate(USER, movieAt(0), 5f);

        List<Recommendations> out = recommendations.readValuesToList();
        KeyValueStore<Integer, Recommendations> latest =
                driver.getKeyValueStore(TopologyNames.LATEST_RECOMMENDATIONS_STORE);
        KeyValueStore<Integer, Movie> catalogue = driver.getKeyValueStore(TopologyNames.MOVIE_CATALOGUE_STORE);
        assertThat(latest.get(USER).getItems()).as("stored without titles").allMatch(item -> item.getTitle() == null);
        assertThat(RecommendationsFactory.withTitles(latest.get(USER), id -> catalogue.get(id).getTitle()))
                .isEqualTo(out.get(1));
        KeyValueStore<Long, RatedMovie> histories = driver.getKeyValueStore(TopologyNames.USER_RATINGS_STORE);
        assertThat(UserRatings.history(histories, USER).size()).isEqualTo(1);
        assertThat(UserRatings.history(histories, USER).rating(0)).isEqualTo(5f);
        KeyValueStore<Integer, dev.recsys.streams.state.MovieStats> popularity =
                driver.getKeyValueStore(TopologyNames.MOVIE_POPULARITY_STORE);
        assertThat(popularity.get(movieAt(0))).isEqualTo(new dev.recsys.streams.state.MovieStats(1, 5));
    }

    /**
     * The list is the model's top 10 for the user's history, and each item's score is the predicted rating on the
     * rating scale, as the DL4J graph computes it.
     */
    private static void assertIsTheModelsTop10(Recommendations list, History history) {
        assertThat(ids(list)).containsExactlyElementsOf(boxed(FastScorer.of(model1).recommend(history, 10)
                .movieIds()));
        RatingData pairs = new RatingData();
        list.getItems().forEach(item -> pairs.add(list.getUserId(), item.getMovieId(), 0f));
        float[] predicted = model1.predict(pairs, Map.of(list.getUserId(), history));
        for (int i = 0; i < predicted.length; i++) {
            float score = list.getItems().get(i).getScore();
            assertThat(score).isCloseTo(predicted[i], within(1e-3f)).isBetween(RatingScale.MIN, RatingScale.MAX);
        }
    }

    private static History historyOf(int user, List<Integer> movies, float rating) {
        int[] ids = movies.stream().mapToInt(Integer::intValue).toArray();
        float[] ratings = new float[ids.length];
        java.util.Arrays.fill(ratings, rating);
        return new History(ids, ratings);
    }

    private static List<Integer> boxed(int[] ids) {
        return java.util.Arrays.stream(ids).boxed().toList();
    }

    private static Recommendations last(List<Recommendations> out) {
        return out.get(out.size() - 1);
    }

    /** The fallback's contract computed independently: damped mean (sum + 10 C) / (count + 10), ties by id. */
    private static List<Integer> popularTop10(List<RatingEvent> all, int user) {
        Map<Integer, double[]> stats = countAndSum(all);
        Set<Integer> rated = new HashSet<>();
        all.stream().filter(e -> e.getUserId() == user).forEach(e -> rated.add(e.getMovieId()));
        return stats.entrySet().stream()
                .filter(e -> !rated.contains(e.getKey()))
                // the most rated first, a higher mean first among equal counts
                .sorted(Comparator.<Map.Entry<Integer, double[]>>comparingDouble(e -> -e.getValue()[0])
                        .thenComparingDouble(e -> -e.getValue()[1] / e.getValue()[0])
                        .thenComparing(Map.Entry::getKey))
                .limit(10).map(Map.Entry::getKey).toList();
    }

    /** Count and sum per movie, a re-rating replacing the user's earlier rating. */
    private static Map<Integer, double[]> countAndSum(List<RatingEvent> all) {
        Map<Long, Float> latest = new HashMap<>();
        for (RatingEvent e : all) {
            latest.put(((long) e.getUserId() << 32) | e.getMovieId(), e.getRating());
        }
        Map<Integer, double[]> stats = new HashMap<>();
        latest.forEach((pair, rating) -> {
            double[] cs = stats.computeIfAbsent((int) (pair & 0xFFFFFFFFL), k -> new double[2]);
            cs[0]++;
            cs[1] += rating;
        });
        return stats;
    }

    private static List<Integer> ids(Recommendations r) {
        return r.getItems().stream().map(RecommendedItem::getMovieId).toList();
    }

    private static int movieAt(int index) {
        return data.movies().get(index).getMovieId();
    }

    private RatingEvent event(int user, int movie, float rating) {
        sequence++;
        return new RatingEvent(user, movie, rating, START.minusSeconds(1000 - sequence), "test/ratings", sequence);
    }

    private RatingEvent rate(int user, int movie, float rating) {
        RatingEvent event = event(user, movie, rating);
        ratings.pipeInput(user, event);
        return event;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }

    /** The model processor alone, on a mock context with its version store, for restore-order cases. */
    private ModelUpdateProcessor modelProcessor(ModelHolder holder, MockProcessorContext<Void, Void> context) {
        context.setCurrentSystemTimeMs(START.toEpochMilli());
        KeyValueStore<String, Long> store = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(TopologyNames.MODEL_VERSION_STORE), Serdes.String(), Serdes.Long())
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        ModelUpdateProcessor processor = new ModelUpdateProcessor(new ModelInstaller(holder, counters),
                serdes.modelUpdate().deserializer(), counters);
        processor.init(context);
        return processor;
    }
}
