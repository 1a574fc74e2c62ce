package io.vigil.launcher;

import io.vigil.processor.ProcessorApplication;
import io.vigil.processor.config.ProcessorConfig;
import io.vigil.runtime.ServiceRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
  @Mixin KafkaServiceOptions service;

  @Option(names = "--state-dir", description = "Directory of the local state stores.")
  String stateDir;

  @Override
  public Integer call() {
    SettingOverrides settings = service.overrides().with("vigil.processor.state.dir", stateDir);
    return ServiceRunner.run(
        "processor",
        settings.env(),
        ProcessorConfig::from,
        ProcessorApplication::start,
        System.err);
  }
}
