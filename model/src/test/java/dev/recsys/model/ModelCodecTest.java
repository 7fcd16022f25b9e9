package dev.recsys.model;

import dev.recsys.schemas.ModelUpdate;
import dev.recsys.schemas.PartitionOffset;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelCodecTest {
    private static final List<PartitionOffset> THROUGH = List.of(new PartitionOffset("ratings", 0, 6000L));
    private static final int K = 10;

    @Test
    void roundTripRecommendsAndPredictsTheSame() throws Exception {
        // a blend weight and a recency other than the defaults, so that they must travel in the payload
        HybridModel original = ModelFixtures.defaultModel().withLists(0.25f, 0.8f);

        HybridModel loaded = ModelCodec.fromUpdate(update(original));

        assertThat(loaded.blendWeight()).isEqualTo(0.25f);
        assertThat(loaded.recency()).isEqualTo(0.8f);
        assertSameScores(original, loaded);
    }

    @Test
    void aPayloadFromBeforeTheRecencyLoadsWithRecencyOne() throws Exception {
        ModelUpdate update = update(ModelFixtures.defaultModel().withLists(0.5f, 0.8f));
        Map<String, byte[]> entries = entries(bytes(update.getPayload()));
        entries.put("model.properties", "blend_weight=0.5\n".getBytes(StandardCharsets.UTF_8));
        withPayload(update, zip(entries));

        HybridModel loaded = ModelCodec.fromUpdate(update);

        assertThat(loaded.blendWeight()).isEqualTo(0.5f);
        assertThat(loaded.recency()).isEqualTo(1f);
    }

    @Test
    void roundTripKeepsTheIdsGenresAndConfig() throws Exception {
        for (HybridModel original : ModelFixtures.everyArchitecture()) {
            HybridModel loaded = ModelCodec.fromUpdate(update(original));

            assertThat(loaded.movies().rawIds()).isEqualTo(original.movies().rawIds());
            assertThat(loaded.movieGenreMasks()).isEqualTo(original.movieGenreMasks());
            assertThat(loaded.config()).isEqualTo(original.config());
        }
    }

    @Test
    void aModelWithoutRankingNetworkRoundTripsWithoutARankingEntry() throws Exception {
        HybridModel study = ModelFixtures.study();
        ModelUpdate update = update(study);

        HybridModel loaded = ModelCodec.fromUpdate(update);

        assertThat(entries(bytes(update.getPayload()))).containsOnlyKeys("rating.bin", "model.properties");
        assertThat(loaded.config().ranking()).isFalse();
        assertThat(loaded.ranking()).isNull();
        assertSameScores(study, loaded);
    }

    @Test
    void theUpdateCarriesNoUserIds() {
        ModelUpdate update = update(ModelFixtures.defaultModel());

        assertThat(update.getUserIds()).isEmpty();
    }

    @Test
    void envelopeDescribesTheModel() {
        HybridModel model = ModelFixtures.defaultModel();
        ModelUpdate update = ModelCodec.toUpdate(model, 3, null, THROUGH, 6000, Map.of("val_mse", 0.9));

        assertThat(update.getPayloadFormat()).isEqualTo(ModelCodec.PAYLOAD_FORMAT);
        assertThat(update.getSha256()).hasSize(64).isEqualTo(ModelCodec.sha256(bytes(update.getPayload())));
        assertThat(update.getMovieIds()).hasSize(model.movies().size());
        assertThat(update.getMovieGenreMasks()).hasSameSizeAs(update.getMovieIds());
        assertThat(update.getHyperparameters()).isEqualTo(model.config().toMap());
        assertThat(update.getMetrics()).containsEntry("val_mse", 0.9);
        assertThat(update.getParentVersion()).isNull();
        assertThat(update.getTrainedThrough()).isEqualTo(THROUGH);
        // well under Kafka's 1 MB default message size for this small model
        assertThat(update.getPayload().remaining()).isLessThan(1 << 20);
    }

    @Test
    void anUpdateWithoutAMembersKeyIsASingleNetwork() throws Exception {
        // updates published before ensembles existed carry no "members" hyperparameter
        HybridModel single = ModelFixtures.withoutDotTerm();
        ModelUpdate update = update(single);
        Map<String, String> older = new HashMap<>(update.getHyperparameters());
        older.remove("members");
        update.setHyperparameters(older);

        assertThat(ModelCodec.fromUpdate(update).config()).isEqualTo(single.config());
    }

    @Test
    void rejectsAPayloadWhoseChecksumDoesNotMatch() {
        ModelUpdate update = update(ModelFixtures.defaultModel());
        update.setSha256(ModelCodec.sha256("something else".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> ModelCodec.fromUpdate(update))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("sha256").hasMessageContaining("does not match");
    }

    @Test
    void rejectsAPayloadCorruptedInTransit() {
        ModelUpdate update = update(ModelFixtures.defaultModel());
        byte[] payload = bytes(update.getPayload());
        payload[payload.length / 2] ^= 0x40;
        update.setPayload(ByteBuffer.wrap(payload));

        assertThatThrownBy(() -> ModelCodec.fromUpdate(update))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("sha256").hasMessageContaining("does not match");
    }

    @Test
    void rejectsACorruptedPayloadEvenWithAMatchingChecksum() {
        ModelUpdate update = update(ModelFixtures.defaultModel());
        byte[] payload = bytes(update.getPayload());
        for (int i = payload.length / 4; i < payload.length / 2; i++) {
            payload[i] = (byte) (payload[i] * 31 + 7);
        }
        withPayload(update, payload);

        assertThatThrownBy(() -> ModelCodec.fromUpdate(update))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("model version 3");
    }

    @Test
    void rejectsATruncatedPayloadEvenWithAMatchingChecksum() {
        ModelUpdate update = update(ModelFixtures.defaultModel());
        withPayload(update, Arrays.copyOf(bytes(update.getPayload()), update.getPayload().remaining() / 2));

        assertThatThrownBy(() -> ModelCodec.fromUpdate(update))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("model version 3");
    }

    @Test
    void rejectsAPayloadWithoutTheRatingNetwork() throws Exception {
        ModelUpdate update = update(ModelFixtures.defaultModel());
        Map<String, byte[]> entries = entries(bytes(update.getPayload()));
        entries.remove("rating.bin");
        withPayload(update, zip(entries));

        assertThatThrownBy(() -> ModelCodec.fromUpdate(update))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("payload lacks rating.bin");
    }

    @Test
    void rejectsGenreMasksOfTheWrongLength() {
        ModelUpdate update = update(ModelFixtures.defaultModel());
        List<Integer> masks = new ArrayList<>(update.getMovieGenreMasks());
        masks.remove(masks.size() - 1);
        update.setMovieGenreMasks(masks);

        assertThatThrownBy(() -> ModelCodec.fromUpdate(update))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining((masks.size()) + " genre masks for " + (masks.size() + 1) + " movies");
    }

    @Test
    void rejectsMovieIdsThatDoNotMatchTheTables() {
        ModelUpdate update = update(ModelFixtures.defaultModel());
        update.setMovieIds(update.getMovieIds().subList(1, update.getMovieIds().size()));
        update.setMovieGenreMasks(update.getMovieGenreMasks().subList(1, update.getMovieGenreMasks().size()));

        assertThatThrownBy(() -> ModelCodec.fromUpdate(update))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("do not match the id map");
    }

    @Test
    void rejectsAnEnsembleWhoseConfigNamesAnotherNumberOfMembers() {
        ModelUpdate update = update(ModelFixtures.defaultModel());
        Map<String, String> wrong = new HashMap<>(update.getHyperparameters());
        wrong.put("members", "3");
        update.setHyperparameters(wrong);

        assertThatThrownBy(() -> ModelCodec.fromUpdate(update)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("the rating graph has 2 member network(s), the config's members=3");
    }

    @Test
    void rejectsAnUnknownPayloadFormat() {
        ModelUpdate update = update(ModelFixtures.defaultModel());
        update.setPayloadFormat("onnx/v1");

        assertThatThrownBy(() -> ModelCodec.fromUpdate(update))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("unsupported payload format 'onnx/v1'");
    }

    private static ModelUpdate update(HybridModel model) {
        return ModelCodec.toUpdate(model, 3, 2L, THROUGH, 6000, Map.of());
    }

    /** Same lists and predicted ratings for some users, a history with an unknown movie and an empty one. */
    private static void assertSameScores(HybridModel original, HybridModel loaded) {
        FastScorer before = FastScorer.of(original);
        FastScorer after = FastScorer.of(loaded);
        List<History> histories = new ArrayList<>();
        for (int user : ModelFixtures.someUsers(5)) {
            histories.add(ModelFixtures.HISTORIES.get(user));
        }
        histories.add(ModelFixtures.plus(histories.get(0), ModelFixtures.UNKNOWN_MOVIE, 5f));
        histories.add(History.EMPTY);
        for (History history : histories) {
            Recommended expected = before.recommend(history, K);
            Recommended got = after.recommend(history, K);
            assertThat(got.movieIds()).isEqualTo(expected.movieIds());
            assertThat(got.scores()).isEqualTo(expected.scores());
            assertThat(got.predictedRatings()).isEqualTo(expected.predictedRatings());
            float[] expectedAll = new float[before.movieCount()];
            float[] gotAll = new float[after.movieCount()];
            before.predictAll(history, expectedAll);
            after.predictAll(history, gotAll);
            assertThat(gotAll).isEqualTo(expectedAll);
        }
    }

    private static void withPayload(ModelUpdate update, byte[] payload) {
        update.setPayload(ByteBuffer.wrap(payload));
        update.setSha256(ModelCodec.sha256(payload));
    }

    private static Map<String, byte[]> entries(byte[] payload) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(payload))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }
}
