package dev.recsys.app;

import dev.recsys.app.bench.IngestBench;
import dev.recsys.app.bench.ModelSizeBench;
import dev.recsys.app.bench.OnlineBench;
import dev.recsys.app.bench.PipelineBench;
import dev.recsys.app.bench.ScaleBench;
import dev.recsys.app.bench.ScoreBench;
import dev.recsys.app.bench.SoakBench;
import dev.recsys.app.demo.Demo;
import dev.recsys.app.eval.EvaluateMain;
import dev.recsys.app.watch.Watch;
import dev.recsys.common.cli.Cli;
import dev.recsys.common.cli.HelpOption;
import dev.recsys.ingest.IngestMain;
import dev.recsys.streams.StreamsMain;
import dev.recsys.trainer.TrainerMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The one command line of the project: {@code ./recsys <command> [args]} runs a service, the demo, a client tool or
 * a benchmark. The services' commands are the same classes their container images run.
 */
@Command(name = "recsys", description = "A streaming movie recommender on Kafka: its services, demo and tools.",
        subcommands = {Demo.class, BrokerMain.class, IngestMain.class, TrainerMain.class, Recsys.Train.class,
            StreamsMain.class, Watch.class, Recsys.Bench.class, HelpCommand.class},
        footer = {"%nEach command takes --help; 'recsys help COMMAND' says the same."})
public final class Recsys implements Runnable {

    @Mixin
    private HelpOption help;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(Cli.run(new Recsys(), args));
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }

    /** {@code recsys train ...}: work on the model outside the services. */
    @Command(name = "train", description = "Offline work on the model: train evaluate.",
            subcommands = EvaluateMain.class)
    static final class Train implements Runnable {
        @Mixin
        private HelpOption help;

        @Spec
        private CommandSpec spec;

        @Override
        public void run() {
            throw new ParameterException(spec.commandLine(), "missing command: evaluate");
        }
    }

    /** {@code recsys bench ...}: the benchmarks, run by hand, never as timed tests. */
    @Command(name = "bench", description = "Benchmarks: bench ingest | score | model-size | pipeline | online | soak "
            + "| scale.",
            subcommands = {IngestBench.class, ScoreBench.class, ModelSizeBench.class, PipelineBench.class,
                OnlineBench.class, SoakBench.class, ScaleBench.class})
    static final class Bench implements Runnable {
        @Mixin
        private HelpOption help;

        @Spec
        private CommandSpec spec;

        @Override
        public void run() {
            throw new ParameterException(spec.commandLine(),
                    "missing command: ingest, score, model-size, pipeline, online, soak or scale");
        }
    }
}
