package dev.recsys.embedded;

import kafka.server.FaultHandlerFactory;
import org.apache.kafka.server.fault.FaultHandler;
import org.apache.kafka.server.fault.FaultHandlerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The stock broker halts the whole JVM on a fatal fault. Inside a test run or the demo that would kill the
 * test runner or the other services without a word, so here a fatal fault is logged, runs the broker's own
 * clean-up action and is kept, so that {@link EmbeddedKafka} can fail loudly on its next use instead.
 */
final class BrokerFaults implements FaultHandlerFactory {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerFaults.class);

    private final CompletableFuture<FaultHandlerException> firstFatal = new CompletableFuture<>();

    @Override
    public FaultHandler build(String name, boolean fatal, Runnable action) {
        return (message, cause) -> handle(name, fatal, action, message, cause);
    }

    Optional<FaultHandlerException> firstFatal() {
        return Optional.ofNullable(firstFatal.getNow(null));
    }

    /** Completes with the first fatal fault; a view, so that callers cannot complete it themselves. */
    CompletableFuture<Throwable> fatal() {
        return firstFatal.thenApply(fault -> fault);
    }

    private RuntimeException handle(String name, boolean fatal, Runnable action, String message, Throwable cause) {
        FaultHandlerException fault = new FaultHandlerException(name + ": " + message, cause);
        if (fatal) {
            LOG.atError().setCause(cause)
                    .log("Embedded broker hit a fatal fault in {}: {}; it is no longer usable", name, message);
            firstFatal.complete(fault);
        } else {
            LOG.atError().setCause(cause).log("Embedded broker hit a fault in {}: {}", name, message);
        }
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("Clean-up after the fault in {} failed", name, e);
        }
        return fault;
    }
}
