package dev.recsys.model;

import dev.recsys.schemas.ModelUpdate;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ModelChunksTest {
    private static final int RECORD_BYTES = 200 * 1024;
    private static final String NAME = "hybrid";

    @Test
    void aModelThatFitsIsOneRecordAsBefore() {
        ModelUpdate small = update(7, 1000);

        assertThat(ModelChunks.split(small, RECORD_BYTES)).containsExactly(small);
    }

    @Test
    void aLargerModelIsChunksUnderTheLimitThatAssembleToTheWholeUpdate() {
        ModelUpdate whole = update(7, 1_000_000);

        List<ModelUpdate> chunks = ModelChunks.split(whole, RECORD_BYTES);
        List<ModelUpdate> assembled = assemble(new ArrayList<>(), chunks);

        assertThat(chunks.size()).isGreaterThan(1_000_000 / RECORD_BYTES);
        assertThat(chunks).allSatisfy(c -> {
            assertThat(ModelChunks.encodedSize(c)).isLessThan(RECORD_BYTES);
            assertThat(c.getPayloadFormat()).isEqualTo(ModelChunks.CHUNK_FORMAT);
            assertThat(c.getSha256()).isEqualTo(whole.getSha256());
        });
        assertThat(chunks.get(1).getMovieIds()).as("the envelope travels once, in chunk 0").isEmpty();
        assertThat(assembled).containsExactly(whole);
    }

    @Test
    void chunkZeroIsKeyedByTheModelNameAndTheOthersByNameAndIndex() {
        assertThat(ModelChunks.key(NAME, 0)).isEqualTo(NAME);
        assertThat(ModelChunks.key(NAME, 12)).isEqualTo("hybrid#12");
        assertThat(ModelChunks.modelName("hybrid#12")).isEqualTo(NAME);
        assertThat(ModelChunks.isKeyOf("hybrid#12", NAME)).isTrue();
        assertThat(ModelChunks.isKeyOf("hybrid2", NAME)).isFalse();
    }

    @Test
    void aVersionWithAChunkMissingIsReportedOnceAndTheNextVersionAssembles() {
        List<ModelUpdate> broken = new ArrayList<>(ModelChunks.split(update(7, 1_000_000), RECORD_BYTES));
        broken.remove(1);
        ModelUpdate next = update(8, 1_000_000);
        List<ModelChunks.Rejection> rejections = new ArrayList<>();
        ModelChunks.Assembly assembly = new ModelChunks.Assembly(rejections::add);

        List<ModelUpdate> assembled = new ArrayList<>();
        for (ModelUpdate c : broken) {
            assembly.add(c).ifPresent(assembled::add);
        }
        for (ModelUpdate c : ModelChunks.split(next, RECORD_BYTES)) {
            assembly.add(c).ifPresent(assembled::add);
        }

        assertThat(rejections).extracting(ModelChunks.Rejection::version).containsExactly(7L);
        assertThat(assembled).containsExactly(next);
    }

    @Test
    void aVersionCutShortByTheNextIsReported() {
        List<ModelUpdate> first = ModelChunks.split(update(7, 1_000_000), RECORD_BYTES);
        ModelUpdate next = update(8, 1000);
        List<ModelChunks.Rejection> rejections = new ArrayList<>();
        ModelChunks.Assembly assembly = new ModelChunks.Assembly(rejections::add);

        assembly.add(first.get(0));
        Optional<ModelUpdate> whole = assembly.add(next);

        assertThat(whole).contains(next);
        assertThat(rejections).singleElement().extracting(ModelChunks.Rejection::reason).asString()
                .contains("only 1 of " + first.size() + " chunks");
    }

    private static List<ModelUpdate> assemble(List<ModelUpdate> into, List<ModelUpdate> chunks) {
        ModelChunks.Assembly assembly = new ModelChunks.Assembly(r -> {
            throw new AssertionError(r.toString());
        });
        chunks.forEach(c -> assembly.add(c).ifPresent(into::add));
        return into;
    }

    private static ModelUpdate update(long version, int payloadBytes) {
        byte[] payload = new byte[payloadBytes];
        new Random(version).nextBytes(payload);
        return ModelUpdate.newBuilder().setVersion(version).setParentVersion(null).setCreatedAt(Instant.EPOCH)
                .setTrainedThrough(List.of()).setRatingsSeen(10).setUserIds(List.of())
                .setMovieIds(List.of(1, 2, 3)).setMovieGenreMasks(List.of(0, 0, 0)).setMetrics(Map.of("val_mse", 0.9))
                .setHyperparameters(Map.of()).setPayloadFormat(ModelCodec.PAYLOAD_FORMAT)
                .setPayload(ByteBuffer.wrap(payload)).setSha256(ModelCodec.sha256(payload)).build();
    }
}
