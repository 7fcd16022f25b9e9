package dev.recsys.app;

import dev.recsys.config.CliArgs;
import dev.recsys.config.UsageException;
import dev.recsys.embedded.EmbeddedKafka;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./recsys broker [--port P]}: a single-node KRaft broker in this JVM, with the project's topics, until
 * Ctrl-C. Lets the services run as separate processes on a machine without Docker (use {@code mock://} only within
 * one JVM; separate processes need a real Schema Registry).
 */
public final class BrokerMain {
    private static final Logger log = LoggerFactory.getLogger(BrokerMain.class);
    private static final int DEFAULT_PORT = 9092;
    private static final String USAGE = "usage: ./recsys broker [--port P]   (default port " + DEFAULT_PORT + ")";

    private BrokerMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        int port;
        try {
            CliArgs cli = CliArgs.parse(args, Set.of("port"), Set.of("help"));
            if (cli.has("help")) {
                System.out.println(USAGE);
                return 0;
            }
            port = cli.intValue("port", DEFAULT_PORT);
            if (port < 0 || port > 65535) {
                throw new UsageException("--port must be 0..65535, got " + port);
            }
        } catch (UsageException e) {
            System.err.println("broker: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
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
