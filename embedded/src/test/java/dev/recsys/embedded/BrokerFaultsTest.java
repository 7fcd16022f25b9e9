package dev.recsys.embedded;

import org.apache.kafka.server.fault.FaultHandler;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerFaultsTest {

    @Test
    void keepsTheFirstFatalFaultAndRunsTheBrokersCleanUpInsteadOfHalting() {
        BrokerFaults faults = new BrokerFaults();
        AtomicInteger cleanUps = new AtomicInteger();
        FaultHandler handler = faults.build("metadata loading", true, cleanUps::incrementAndGet);

        RuntimeException first = handler.handleFault("log dir gone", quiet(new IllegalStateException("disk")));
        handler.handleFault("second problem", null);

        assertThat(cleanUps).hasValue(2);
        assertThat(faults.firstFatal()).get().isSameAs(first);
        assertThat(faults.fatal()).isCompletedWithValue(first);
        assertThat(first).hasMessage("metadata loading: log dir gone").hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void nonFatalFaultsLeaveTheBrokerUsable() {
        BrokerFaults faults = new BrokerFaults();
        FaultHandler handler = faults.build("replica fetch", false, () -> { });

        handler.handleFault("transient", quiet(new RuntimeException("blip")));

        assertThat(faults.firstFatal()).isEmpty();
        assertThat(faults.fatal()).isNotDone();
    }

    /** The handler logs the cause; a trace-less one keeps the expected ERROR lines short. */
    private static <T extends Throwable> T quiet(T cause) {
        cause.setStackTrace(new StackTraceElement[0]);
        return cause;
    }
}
