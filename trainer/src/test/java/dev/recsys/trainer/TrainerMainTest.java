package dev.recsys.trainer;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TrainerMainTest {

    @Test
    void aUsageErrorSaysWhatIsWrongAndExitsWithTwo() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(TrainerMain.run("--retrain-every-ratings", "many")).isEqualTo(2);
        } finally {
            System.setErr(err);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertThat(text.lines().findFirst()).hasValueSatisfying(line ->
                assertThat(line).startsWith("recsys trainer: ").contains("--retrain-every-ratings"));
        assertThat(text).contains("usage: recsys trainer");
    }

    @Test
    void helpExitsWithZero() {
        PrintStream out = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            assertThat(TrainerMain.run("--help")).isZero();
        } finally {
            System.setOut(out);
        }
    }
}
