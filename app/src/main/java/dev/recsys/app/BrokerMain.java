package dev.recsys.app;

import dev.recsys.embedded.EmbeddedKafka;
import java.util.Map;
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

    private BrokerMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        int port = DEFAULT_PORT;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                port = Integer.parseInt(args[++i]);
            } else {
                System.err.println("usage: ./recsys broker [--port P]   (default port " + DEFAULT_PORT + ")");
                return args[i].equals("--help") ? 0 : 2;
            }
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
