package dev.recsys.model;

import dev.recsys.schemas.User;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UserFeaturesTest {

    @Test
    void encodesAgeBandGenderAndOccupationOneHot() {
        float[] f = UserFeatures.of(new User(1, 24, "M", "technician", "85711"));
        assertThat(sum(f)).isEqualTo(3f);
        assertThat(f[1]).as("18-24").isEqualTo(1f);
        assertThat(f[7]).as("M").isEqualTo(1f);
        // ml-1m writes occupation codes: 17 is technician/engineer
        assertThat(UserFeatures.of(new User(2, 25, "M", "17", null))[UserFeatures.WIDTH - 2]).isEqualTo(1f);
        assertThat(sum(UserFeatures.of(null))).isZero();
        assertThat(sum(UserFeatures.of(new User(3, null, null, "astronaut", null)))).isZero();
    }

    @Test
    void theModelKeepsDemographicsFrozenAndTheColdRowIsTheirMean() {
        HybridModel model = ModelFixtures.withUserFeatures();
        INDArray table = model.graph().getLayer(ModelFactory.USER_FEATURES).getParam("W");
        Map<Integer, User> users = ModelFixtures.demographics();
        for (int row = 0; row < model.users().size(); row += 7) {
            int id = model.users().rawIdAt(row);
            assertThat(table.getRow(row).toFloatVector()).as("user %d", id).containsExactly(UserFeatures.of(users.get(id)));
        }
        float[] cold = table.getRow(model.coldUserRow()).toFloatVector();
        float[] mean = table.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, model.users().size()),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).mean(0).toFloatVector();
        assertThat(cold).containsExactly(mean);
    }

    private static float sum(float[] values) {
        float s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }
}
