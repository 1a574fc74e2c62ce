package io.vigil.launcher;

import io.vigil.processor.ProcessorApplication;
import io.vigil.processor.config.ProcessorConfig;
import io.vigil.runtime.ServiceRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil processor}: the Kafka Streams scoring application. */
@Command(
    name = "processor",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the stream processor: validates and scores every event, emits anomalies.",
      "Settings come from the environment (VIGIL_PROCESSOR_*, KAFKA_*); options override them."
    })
final class ProcessorCommand implements Callable<Integer> {
  @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers.")
  String bootstrapServers;

  @Option(names = "--http-port", description = "Port of /metrics and /health (default 8081).")
  Integer httpPort;

  @Option(names = "--state-dir", description = "Directory of the local state stores.")
  String stateDir;

  @Override
  public Integer call() {
    SettingOverrides settings =
        new SettingOverrides(System.getenv())
            .with("kafka.bootstrap.servers", bootstrapServers)
            .with("vigil.http.port", httpPort)
            .with("vigil.processor.state.dir", stateDir);
    return ServiceRunner.run(
        "processor",
        settings.env(),
        ProcessorConfig::from,
        ProcessorApplication::start,
        System.err);
  }
}
