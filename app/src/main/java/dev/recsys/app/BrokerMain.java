package dev.recsys.app;

import dev.recsys.common.cli.HelpOption;
import dev.recsys.common.cli.Validated;
import dev.recsys.embedded.EmbeddedKafka;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import static dev.recsys.common.cli.Validated.require;

/**
 * {@code ./recsys broker [--port P]}: a single-node KRaft broker in this JVM, with the project's topics, until
 * Ctrl-C. Lets the services run as separate processes on a machine without Docker (use {@code mock://} only within
 * one JVM; separate processes need a real Schema Registry).
 */
@Command(name = "broker", description = "An embedded single-node KRaft broker with every topic, until Ctrl-C.")
public final class BrokerMain implements Callable<Integer>, Validated {
    private static final Logger log = LoggerFactory.getLogger(BrokerMain.class);

    @Mixin
    private HelpOption help;

    @Option(names = "--port", paramLabel = "P", defaultValue = "9092",
            description = "The port to listen on, on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    private int port;

    @Override
    public void validate() {
        require(port >= 0 && port <= 65535, "--port must be 0..65535, got " + port);
    }

    @Override
    public Integer call() {
        CountDownLatch stop = new CountDownLatch(1);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(port, Map.of())) {
            LocalTopics.create(kafka);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "broker-shutdown"));
            kafka.fatalFault().thenAccept(fault -> stop.countDown());
            System.out.println("Kafka is up at " + kafka.bootstrapServers() + " with topics " + LocalTopics.NAMES
                    + "; Ctrl-C stops it.");
            stop.await();
            if (kafka.fatalFault().isDone()) {
                log.error("The broker had a fatal fault: {}", kafka.fatalFault().getNow(null).getMessage());
                return 1;
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
