package dev.recsys.serde.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class MockSchemaRegistryTest {
    private static final Schema V1 = SchemaBuilder.record("Thing").fields().requiredInt("a").endRecord();
    private static final Schema V2_ADDS_DEFAULTED = SchemaBuilder.record("Thing").fields().requiredInt("a")
            .name("b").type().intType().intDefault(0).endRecord();
    private static final Schema V3_DROPS_A = SchemaBuilder.record("Thing").fields()
            .name("b").type().intType().intDefault(0).endRecord();
    private static final Schema ADDS_REQUIRED = SchemaBuilder.record("Thing").fields().requiredInt("a")
            .requiredInt("c").endRecord();

    @Test
    void idsAreGlobalAndVersionsPerSubject() {
        MockSchemaRegistry registry = new MockSchemaRegistry();

        int a = registry.register("one-value", V1);
        int b = registry.register("two-value", V1);
        int c = registry.register("one-value", V2_ADDS_DEFAULTED);

        assertThat(a).isEqualTo(1).isEqualTo(b);
        assertThat(c).isEqualTo(2);
        assertThat(registry.latestVersion("one-value").version()).isEqualTo(2);
        assertThat(registry.lookUp("one-value", V1).version()).isEqualTo(1);
        assertThat(registry.latestVersion("two-value").version()).isEqualTo(1);
    }

    @Test
    void backwardRefusesARequiredFieldWithA409NamingTheSubject() {
        MockSchemaRegistry registry = new MockSchemaRegistry();
        registry.register("things-value", V1);

        assertThatThrownBy(() -> registry.register("things-value", ADDS_REQUIRED))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA))
                .hasMessageContaining("things-value")
                .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(registry.latestVersion("things-value").version()).isEqualTo(1);
    }

    @Test
    void levelsDifferInWhatTheyAllow() {
        // V3 drops field a, which has no default: new readers are fine (BACKWARD) but old readers are not (FORWARD)
        assertThat(CompatibilityLevel.BACKWARD.violations(V3_DROPS_A, List.of(V2_ADDS_DEFAULTED))).isEmpty();
        assertThat(CompatibilityLevel.FORWARD.violations(V3_DROPS_A, List.of(V2_ADDS_DEFAULTED)))
                .singleElement().asString().contains("earlier schema cannot read");
        assertThat(CompatibilityLevel.FULL.violations(V3_DROPS_A, List.of(V2_ADDS_DEFAULTED))).hasSize(1);
        assertThat(CompatibilityLevel.NONE.violations(ADDS_REQUIRED, List.of(V1))).isEmpty();
        // requiresB reads V2 data (which has b) but not V1 data (which lacks b and gives no default):
        // BACKWARD checks the latest version only, BACKWARD_TRANSITIVE every version
        Schema requiresB = SchemaBuilder.record("Thing").fields().requiredInt("b").endRecord();
        assertThat(CompatibilityLevel.BACKWARD.violations(requiresB, List.of(V1, V2_ADDS_DEFAULTED)))
                .isEmpty();
        assertThat(CompatibilityLevel.BACKWARD_TRANSITIVE.violations(requiresB, List.of(V1, V2_ADDS_DEFAULTED)))
                .singleElement().asString().contains("READER_FIELD_MISSING_DEFAULT_VALUE");
    }

    @Test
    void unknownSubjectsAndSchemasHaveTheirErrorCodes() {
        MockSchemaRegistry registry = new MockSchemaRegistry();
        registry.register("things-value", V1);

        assertThatThrownBy(() -> registry.latestVersion("nothing-value"))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(40401));
        assertThatThrownBy(() -> registry.getId("things-value", V2_ADDS_DEFAULTED))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(40403));
        assertThatThrownBy(() -> registry.getById(99))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(40403));
    }
}
