package dev.recsys.app;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one command line of the project: {@code ./recsys <command> [args]} runs a service, the demo or a benchmark.
 * Entry points are looked up by class name so that each module keeps a plain {@code run(String...)} and the
 * launcher needs no compile-time knowledge of their internals.
 */
public final class Recsys {

    private record Command(String usage, String description, String entryClass) {
    }

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        add("demo", "demo [--data DIR] [--ratings N] [--user N]",
                "everything in one JVM: embedded broker, mock registry, trainer, streams, ingest, live view",
                "dev.recsys.app.demo.Demo");
        add("broker", "broker [--port P]", "an embedded single-node KRaft broker, until Ctrl-C",
                "dev.recsys.app.BrokerMain");
        add("ingest", "ingest replay --data DIR [...] | ingest synth --out DIR [...]",
                "replay MovieLens-format data as rating events; write a synthetic data set", "dev.recsys.ingest.IngestMain");
        add("trainer", "trainer [...]", "the retraining service: rating log in, model versions out",
                "dev.recsys.trainer.TrainerMain");
        add("train evaluate", "train evaluate --data DIR [--split uN|random:F] [--config study|default] [--json FILE]",
                "offline evaluation of the model against baselines", "dev.recsys.app.eval.EvaluateMain");
        add("streams", "streams [...]", "the Kafka Streams app: a refreshed top-10 per rating, HTTP queries",
                "dev.recsys.streams.StreamsMain");
        add("watch", "watch --user N [...]", "print one user's recommendations as they change",
                "dev.recsys.app.watch.WatchMain");
        add("bench ingest", "bench ingest [--json FILE]", "replay throughput against a bare producer",
                "dev.recsys.app.bench.IngestBench");
        add("bench score", "bench score [--json FILE]", "top-10 scoring time against a DL4J forward pass",
                "dev.recsys.app.bench.ScoreBench");
        add("bench pipeline", "bench pipeline [--json FILE]", "end-to-end throughput and latency on a local broker",
                "dev.recsys.app.bench.PipelineBench");
        add("bench online", "bench online [--data DIR] [--ratings N] [--rate R] [--json FILE]",
                "hit rate at 10 of the live lists against a most-popular chart", "dev.recsys.app.bench.OnlineBench");
    }

    private Recsys() {
    }

    private static void add(String name, String usage, String description, String entryClass) {
        COMMANDS.put(name, new Command(usage, description, entryClass));
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            printUsage();
            return args.length == 0 ? 2 : 0;
        }
        // two-word commands first ("bench score", "train evaluate")
        if (args.length >= 2 && COMMANDS.containsKey(args[0] + " " + args[1])) {
            return invoke(COMMANDS.get(args[0] + " " + args[1]), Arrays.copyOfRange(args, 2, args.length));
        }
        Command command = COMMANDS.get(args[0]);
        if (command == null) {
            System.err.println("recsys: unknown command '" + String.join(" ", Arrays.copyOf(args, Math.min(2, args.length)))
                    + "'");
            printUsage();
            return 2;
        }
        return invoke(command, Arrays.copyOfRange(args, 1, args.length));
    }

    private static int invoke(Command command, String[] args) {
        MethodHandle entry;
        try {
            Class<?> type = Class.forName(command.entryClass());
            entry = MethodHandles.publicLookup().findStatic(type, "run", MethodType.methodType(int.class, String[].class));
        } catch (ReflectiveOperationException e) {
            System.err.println("recsys: '" + command.usage() + "' is not available in this build (" + e + ")");
            return 1;
        }
        try {
            return (int) entry.invokeExact(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static void printUsage() {
        System.err.println("usage: ./recsys <command> [args]   (each command takes --help)");
        System.err.println();
        COMMANDS.forEach((name, command) ->
                System.err.printf("  %-90s %s%n", command.usage(), command.description()));
    }
}
