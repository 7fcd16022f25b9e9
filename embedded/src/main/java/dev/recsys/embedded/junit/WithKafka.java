package dev.recsys.embedded.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a test class one Kafka broker, started before the first test that asks for a {@link KafkaBroker}
 * parameter and closed after the class; {@code @Nested} classes share their enclosing class's broker.
 *
 * <p>The broker runs in the JVM unless the configuration parameter or system property
 * {@value KafkaExtension#BACKEND_PROPERTY} is {@code testcontainers}: then it is a container of
 * {@code apache/kafka} (image overridable with {@value ContainerBroker#IMAGE_PROPERTY}), and where no Docker
 * engine is reachable the class is skipped with that reason, never failed.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaExtension.class)
public @interface WithKafka {

    /** Broker settings on top of the project defaults, as {@code name=value}. */
    String[] brokerProperties() default {};

    /** Where the broker runs; {@link Backend#DEFAULT} follows {@value KafkaExtension#BACKEND_PROPERTY}. */
    Backend backend() default Backend.DEFAULT;

    enum Backend {
        /** {@value KafkaExtension#BACKEND_PROPERTY} decides: {@code embedded} (the default) or {@code testcontainers}. */
        DEFAULT,
        /** Always the in-JVM KRaft broker. */
        EMBEDDED,
        /** Always a Testcontainers broker; skipped where Docker is not available. */
        TESTCONTAINERS
    }
}
