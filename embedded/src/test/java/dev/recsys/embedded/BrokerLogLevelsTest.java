package dev.recsys.embedded;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerLogLevelsTest {

    private LoggerContext context;

    @AfterEach
    void stopContext() {
        context.stop();
    }

    @Test
    void quietsBrokerLoggersThatOnlyTheRootConfigures() {
        context = contextWith(Level.INFO, null, null);

        BrokerLogLevels.Log4jCore.quiet(context, "WARN");

        assertThat(context.getLogger("kafka.server.BrokerServer").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.apache.kafka.raft.KafkaRaftClient").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("state.change.logger").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.apache.kafka.clients.producer.KafkaProducer").getLevel())
                .as("client loggers stay with the application").isEqualTo(Level.INFO);
    }

    @Test
    void leavesLevelsThatWereConfiguredOnPurpose() {
        context = contextWith(Level.INFO, "org.apache.kafka", Level.DEBUG);

        BrokerLogLevels.Log4jCore.quiet(context, "WARN");

        assertThat(context.getLogger("org.apache.kafka.controller.QuorumController").getLevel()).isEqualTo(Level.DEBUG);
        assertThat(context.getLogger("kafka.log.LogManager").getLevel())
                .as("the scala packages have no configured parent").isEqualTo(Level.WARN);
    }

    @Test
    void takesTheLevelFromTheCaller() {
        context = contextWith(Level.INFO, null, null);

        BrokerLogLevels.Log4jCore.quiet(context, "ERROR");

        assertThat(context.getLogger("kafka.network.SocketServer").getLevel()).isEqualTo(Level.ERROR);
    }

    private static LoggerContext contextWith(Level root, String logger, Level level) {
        ConfigurationBuilder<BuiltConfiguration> builder = ConfigurationBuilderFactory.newConfigurationBuilder();
        builder.add(builder.newRootLogger(root));
        if (logger != null) {
            builder.add(builder.newLogger(logger, level));
        }
        LoggerContext context = new LoggerContext(BrokerLogLevelsTest.class.getSimpleName());
        context.start(builder.build());
        return context;
    }
}
