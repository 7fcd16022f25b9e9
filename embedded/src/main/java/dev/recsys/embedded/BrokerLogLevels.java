package dev.recsys.embedded;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;

import java.util.List;

/**
 * An in-JVM broker writes about 1,500 INFO lines per start into the host application's console. When
 * log4j-core is the backend, the broker's loggers are set to WARN (or to the system property
 * {@value #LEVEL_PROPERTY}) — but only those that the application's configuration leaves to the root logger:
 * a level somebody configured on purpose, on the logger or on a parent, is never overridden.
 */
final class BrokerLogLevels {

    static final String LEVEL_PROPERTY = "recsys.embedded.broker.log.level";

    // Broker-side packages, so that org.apache.kafka.clients and .streams keep what the application chose.
    // The one shared logger is AbstractConfig: every Kafka config dump, the broker's two ~350-line ones and
    // the clients' alike, is written through it.
    static final List<String> BROKER_LOGGERS = List.of(
            "kafka", "state.change.logger",
            "org.apache.kafka.server", "org.apache.kafka.controller", "org.apache.kafka.raft",
            "org.apache.kafka.metadata", "org.apache.kafka.image", "org.apache.kafka.storage",
            "org.apache.kafka.coordinator", "org.apache.kafka.network", "org.apache.kafka.queue",
            "org.apache.kafka.snapshot", "org.apache.kafka.security", "org.apache.kafka.common.network",
            "org.apache.kafka.common.metrics", "org.apache.kafka.common.utils.AppInfoParser",
            "org.apache.kafka.common.config.AbstractConfig");

    private BrokerLogLevels() {
    }

    static void quietBrokerLoggers() {
        if (!log4jCorePresent()) {
            return;
        }
        String level = System.getProperty(LEVEL_PROPERTY, "WARN");
        Log4jCore.quiet(LogManager.getContext(false), level);
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
    static final class Log4jCore {

        private Log4jCore() {
        }

        static void quiet(Object context, String levelName) {
            if (context instanceof LoggerContext loggerContext) {
                setWhereUnconfigured(loggerContext, BROKER_LOGGERS, Level.toLevel(levelName, Level.WARN));
            }
        }

        static void setWhereUnconfigured(LoggerContext context, List<String> loggers, Level level) {
            Configuration config = context.getConfiguration();
            boolean changed = false;
            for (String logger : loggers) {
                // The nearest configured ancestor being the root means nobody chose a level for this logger.
                if (config.getLoggerConfig(logger).getName().isEmpty()) {
                    config.addLogger(logger, LoggerConfig.newBuilder()
                            .withLoggerName(logger).withLevel(level).withAdditivity(true).withConfig(config).build());
                    changed = true;
                }
            }
            if (changed) {
                context.updateLoggers();
            }
        }
    }
}
