package dev.recsys.app.demo;

import dev.recsys.embedded.junit.WithKafka;

/** The end-to-end scenario on the in-JVM KRaft broker: runs everywhere, CI included. */
@WithKafka(backend = WithKafka.Backend.EMBEDDED)
class EndToEndIT extends EndToEndScenario {
}
