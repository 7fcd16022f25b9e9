package dev.recsys.app.demo;

import dev.recsys.embedded.junit.WithKafka;

/** The same scenario on a Kafka container (apache/kafka); skipped where no Docker engine is reachable. */
@WithKafka(backend = WithKafka.Backend.TESTCONTAINERS)
class EndToEndContainerIT extends EndToEndScenario {
}
