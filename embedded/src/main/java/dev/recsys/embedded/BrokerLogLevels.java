package dev.recsys.embedded;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;

import java.util.List;

/**
 * An in-JVM broker logs hundreds of INFO lines at start-up into the host application's console. When
 * log4j-core is the backend, the broker's loggers are set to WARN (or to the system property
 * {@value #LEVEL_PROPERTY}) — but only those that the application's own configuration leaves to the root
 * logger: a level someone configured on purpose is never overridden.
 */
final class BrokerLogLevels {

    static final String LEVEL_PROPERTY = "recsys.embedded.broker.log.level";

    // Broker-side code only: org.apache.kafka.clients and .streams stay as the application configured them.
    private static final List<String> BROKER_LOGGERS = List.of(
            "kafka", "state.change.logger",
            "org.apache.kafka.server", "org.apache.kafka.controller", "org.apache.kafka.raft",
            "org.apache.kafka.metadata", "org.apache.kafka.image", "org.apache.kafka.storage",
            "org.apache.kafka.coordinator", "org.apache.kafka.network", "org.apache.kafka.queue",
            "org.apache.kafka.snapshot", "org.apache.kafka.security", "org.apache.kafka.common.network",
            "org.apache.kafka.common.utils.AppInfoParser", "org.apache.kafka.common.metrics");

    private BrokerLogLevels() {
    }

    static void quietBrokerLoggers() {
        if (!log4jCorePresent()) {
            return;
        }
        Level level = Level.toLevel(System.getProperty(LEVEL_PROPERTY, "WARN"), Level.WARN);
        Log4jCore.setWhereUnconfigured(BROKER_LOGGERS, level);
    }

    private static boolean log4jCorePresent() {
        try {
            Class.forName("org.apache.logging.log4j.core.LoggerContext", false, BrokerLogLevels.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Touches log4j-core classes; loaded only once {@link #log4jCorePresent()} said they exist. */
    private static final class Log4jCore {

        static void setWhereUnconfigured(List<String> loggers, Level level) {
            if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
                return;
            }
            Configuration config = context.getConfiguration();
            for (String logger : loggers) {
                // The nearest configured ancestor being the root means nobody chose a level for this logger.
                if (config.getLoggerConfig(logger).getName().isEmpty()) {
                    Configurator.setLevel(logger, level);
                }
            }
        }
    }
}
