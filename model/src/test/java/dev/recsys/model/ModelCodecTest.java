package dev.recsys.model;

import dev.recsys.schemas.ModelUpdate;
import dev.recsys.schemas.PartitionOffset;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelCodecTest {
    private static final List<PartitionOffset> THROUGH = List.of(new PartitionOffset("ratings", 0, 6000L));

    @Test
    void roundTripGivesTheSameOutputsIdsAndConfig() throws Exception {
        for (HybridModel original : ModelFixtures.everyArchitecture()) {
            ModelUpdate update = ModelCodec.toUpdate(original, 3, 2L, THROUGH, 6000, Map.of("val_mse", 0.9));
            HybridModel loaded = ModelCodec.fromUpdate(update);

            assertThat(loaded.users().rawIds()).isEqualTo(original.users().rawIds());
            assertThat(loaded.movies().rawIds()).isEqualTo(original.movies().rawIds());
            assertThat(loaded.movieGenreMasks()).isEqualTo(original.movieGenreMasks());
            assertThat(loaded.config()).isEqualTo(original.config());
            int[] users = ids(original.users().rawIds(), 99_999);
            int[] movies = ids(original.movies().rawIds(), 88_888);
            int[] pairsU = new int[users.length * 5];
            int[] pairsM = new int[pairsU.length];
            for (int i = 0; i < pairsU.length; i++) {
                pairsU[i] = users[i % users.length];
                pairsM[i] = movies[(i * 31) % movies.length];
            }
            assertThat(loaded.predict(pairsU, pairsM)).containsExactly(original.predict(pairsU, pairsM));
        }
    }

    @Test
    void anUpdateWithoutAMembersKeyIsASingleNetwork() throws Exception {
        // updates published before ensembles existed carry no "members" hyperparameter
        HybridModel single = ModelFixtures.withoutDotTerm();
        ModelUpdate update = ModelCodec.toUpdate(single, 3, null, THROUGH, 6000, Map.of());
        Map<String, String> older = new java.util.HashMap<>(update.getHyperparameters());
        older.remove("members");
        update.setHyperparameters(older);

        assertThat(ModelCodec.fromUpdate(update).config()).isEqualTo(single.config());
    }

    @Test
    void rejectsAnEnsembleWhoseConfigNamesAnotherNumberOfMembers() {
        ModelUpdate update = ModelCodec.toUpdate(ModelFixtures.defaultModel(), 3, null, THROUGH, 6000, Map.of());
        Map<String, String> wrong = new java.util.HashMap<>(update.getHyperparameters());
        wrong.put("members", "3");
        update.setHyperparameters(wrong);

        assertThatThrownBy(() -> ModelCodec.fromUpdate(update)).isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("the graph has 2 member network(s), the config's members=3");
    }

    @Test
    void envelopeDescribesTheModel() {
        HybridModel model = ModelFixtures.defaultModel();
        ModelUpdate update = ModelCodec.toUpdate(model, 3, null, THROUGH, 6000, Map.of("val_mse", 0.9));

        assertThat(update.getPayloadFormat()).isEqualTo(ModelCodec.PAYLOAD_FORMAT);
        assertThat(update.getSha256()).hasSize(64).isEqualTo(ModelCodec.sha256(bytes(update.getPayload())));
        assertThat(update.getUserIds()).hasSize(model.users().size());
        assertThat(update.getMovieGenreMasks()).hasSameSizeAs(update.getMovieIds());
        assertThat(update.getHyperparameters()).containsEntry("bias_terms", "true").containsKey("batch_size");
        assertThat(update.getParentVersion()).isNull();
        assertThat(update.getTrainedThrough()).isEqualTo(THROUGH);
        assertThat(update.getHyperparameters()).containsEntry("members", "2");
        // well under Kafka's 1 MB default message size for this small model
        assertThat(update.getPayload().remaining()).isLessThan(1 << 20);
    }

    @Test
    void rejectsAPayloadWhoseChecksumDoesNotMatch() {
        ModelUpdate update = ModelCodec.toUpdate(ModelFixtures.defaultModel(), 3, null, THROUGH, 6000, Map.of());
        byte[] payload = bytes(update.getPayload());
        payload[payload.length / 2] ^= 0x40;
        update.setPayload(ByteBuffer.wrap(payload));

        assertThatThrownBy(() -> ModelCodec.fromUpdate(update))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("sha256").hasMessageContaining("does not match");
    }

    @Test
    void rejectsATruncatedPayloadEvenWithAMatchingChecksum() {
        ModelUpdate update = ModelCodec.toUpdate(ModelFixtures.defaultModel(), 3, null, THROUGH, 6000, Map.of());
        byte[] truncated = Arrays.copyOf(bytes(update.getPayload()), update.getPayload().remaining() / 2);
        update.setPayload(ByteBuffer.wrap(truncated));
        update.setSha256(ModelCodec.sha256(truncated));

        assertThatThrownBy(() -> ModelCodec.fromUpdate(update))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("version 3");
    }

    @Test
    void rejectsIdMapsThatDoNotMatchTheEmbeddings() {
        ModelUpdate update = ModelCodec.toUpdate(ModelFixtures.defaultModel(), 4, null, THROUGH, 6000, Map.of());
        update.setUserIds(update.getUserIds().subList(1, update.getUserIds().size()));

        assertThatThrownBy(() -> ModelCodec.fromUpdate(update))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("do not match the id maps");
    }

    @Test
    void rejectsAnUnknownPayloadFormat() {
        ModelUpdate update = ModelCodec.toUpdate(ModelFixtures.defaultModel(), 5, null, THROUGH, 6000, Map.of());
        update.setPayloadFormat("onnx/v1");

        assertThatThrownBy(() -> ModelCodec.fromUpdate(update))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("unsupported payload format 'onnx/v1'");
    }

    private static int[] ids(int[] known, int unknown) {
        int[] out = Arrays.copyOf(known, known.length + 1);
        out[known.length] = unknown;
        return out;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }
}
