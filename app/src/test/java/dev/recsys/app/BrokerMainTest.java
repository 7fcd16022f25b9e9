package dev.recsys.app;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The broker command's usage errors; none of these starts a broker. */
class BrokerMainTest {

    @Test
    void aBadPortIsAUsageErrorNotACrash() {
        assertThat(BrokerMain.run("--port", "ninety")).isEqualTo(2);
        assertThat(BrokerMain.run("--port", "70000")).isEqualTo(2);
        assertThat(BrokerMain.run("--prot", "9092")).isEqualTo(2);
        assertThat(BrokerMain.run("--help")).isZero();
    }
}
