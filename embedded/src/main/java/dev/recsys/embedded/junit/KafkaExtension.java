package dev.recsys.embedded.junit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Backs {@link WithKafka}: resolves {@link KafkaBroker} parameters to one broker per annotated class, kept in
 * that class's extension store so JUnit closes it when the class is done, and skips the class when the
 * Testcontainers backend is asked for on a machine without Docker.
 */
public final class KafkaExtension implements ParameterResolver, ExecutionCondition {

    /** Configuration parameter (or system property) choosing the backend: embedded or testcontainers. */
    public static final String BACKEND_PROPERTY = "recsys.kafka";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaExtension.class);
    private static final String BROKER_KEY = "broker";
    private static final String TESTCONTAINERS_CLASS = "org.testcontainers.kafka.KafkaContainer";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isPresent() || context.getTestClass().isEmpty()) {
            return ConditionEvaluationResult.enabled("decided for the class");
        }
        if (backend(context) != WithKafka.Backend.TESTCONTAINERS) {
            return ConditionEvaluationResult.enabled("in-JVM Kafka broker");
        }
        requireTestcontainers();
        if (!ContainerBroker.dockerAvailable()) {
            return ConditionEvaluationResult.disabled("Kafka via Testcontainers was requested, but no Docker "
                    + "environment is available on this machine");
        }
        return ConditionEvaluationResult.enabled("Kafka via Testcontainers");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        ExtensionContext owner = owner(extensionContext);
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(BROKER_KEY, key -> start(owner), ManagedBroker.class);
    }

    private static ManagedBroker start(ExtensionContext owner) {
        Map<String, String> properties = brokerProperties(settings(owner));
        if (backend(owner) == WithKafka.Backend.TESTCONTAINERS) {
            requireTestcontainers();
            String image = owner.getConfigurationParameter(ContainerBroker.IMAGE_PROPERTY)
                    .orElse(ContainerBroker.DEFAULT_IMAGE);
            return ContainerBroker.start(image, properties);
        }
        return EmbeddedBroker.start(properties);
    }

    /** The nearest enclosing context whose class carries {@link WithKafka}: that class owns the broker. */
    private static ExtensionContext owner(ExtensionContext context) {
        Optional<ExtensionContext> current = Optional.of(context);
        ExtensionContext outermostClass = context;
        while (current.isPresent()) {
            ExtensionContext candidate = current.get();
            if (isClassContext(candidate)) {
                if (findAnnotation(candidate).isPresent()) {
                    return candidate;
                }
                outermostClass = candidate;
            }
            current = candidate.getParent();
        }
        // Registered with @ExtendWith(KafkaExtension.class) alone: the outermost test class owns the broker.
        return outermostClass;
    }

    private static boolean isClassContext(ExtensionContext context) {
        return context.getTestClass().isPresent() && context.getTestMethod().isEmpty()
                && context.getElement().filter(Class.class::isInstance).isPresent();
    }

    private static Optional<WithKafka> findAnnotation(ExtensionContext context) {
        return context.getElement().flatMap(element -> AnnotationSupport.findAnnotation(element, WithKafka.class));
    }

    private static Optional<WithKafka> settings(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Optional<WithKafka> found = isClassContext(c.get()) ? findAnnotation(c.get()) : Optional.empty();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static WithKafka.Backend backend(ExtensionContext context) {
        WithKafka.Backend declared = settings(context).map(WithKafka::backend).orElse(WithKafka.Backend.DEFAULT);
        if (declared != WithKafka.Backend.DEFAULT) {
            return declared;
        }
        String value = context.getConfigurationParameter(BACKEND_PROPERTY).orElse("embedded").trim();
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "embedded", "" -> WithKafka.Backend.EMBEDDED;
            case "testcontainers" -> WithKafka.Backend.TESTCONTAINERS;
            default -> throw new ExtensionConfigurationException(BACKEND_PROPERTY + "=" + value
                    + " is not a Kafka backend; use embedded or testcontainers");
        };
    }

    private static Map<String, String> brokerProperties(Optional<WithKafka> settings) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String entry : settings.map(WithKafka::brokerProperties).orElse(new String[0])) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new ExtensionConfigurationException("@WithKafka brokerProperties entry '" + entry
                        + "' is not name=value");
            }
            properties.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
        }
        return properties;
    }

    /** A missing dependency is a build mistake, not an environment without Docker: fail instead of skipping. */
    private static void requireTestcontainers() {
        try {
            Class.forName(TESTCONTAINERS_CLASS, false, KafkaExtension.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ExtensionConfigurationException("Kafka via Testcontainers was requested, but "
                    + "org.testcontainers:kafka is not on the test classpath; add it with test scope");
        }
    }
}
