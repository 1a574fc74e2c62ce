package io.vigil.launcher;

import io.vigil.bench.kafka.BenchCommand;
import io.vigil.launcher.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root {@code vigil} command: one launcher for the demo and every service. */
@Command(
    name = "vigil",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Streaming anomaly detection on Kafka Streams.",
    subcommands = {
      DemoCommand.class,
      ProcessorCommand.class,
      SinkCommand.class,
      GenerateCommand.class,
      IngestCommand.class,
      ReplayCommand.class,
      HashKeyCommand.class,
      NabCommand.class,
      EvaluateCommand.class,
      BacktestCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class VigilCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The configured command line, shared by {@link VigilMain} and the tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new VigilCommand()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
