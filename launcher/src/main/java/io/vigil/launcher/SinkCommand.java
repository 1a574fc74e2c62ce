package io.vigil.launcher;

import io.vigil.runtime.ServiceRunner;
import io.vigil.sink.SinkApplication;
import io.vigil.sink.SinkConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vigil sink}: anomalies into PostgreSQL and Redis. */
@Command(
    name = "sink",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the results sink: writes anomalies to PostgreSQL (history) and Redis (hot view).",
      "Settings come from the environment (VIGIL_SINK_*, KAFKA_*); options override them."
    })
final class SinkCommand implements Callable<Integer> {
  @Mixin KafkaServiceOptions service;

  @Option(names = "--jdbc-url", description = "PostgreSQL JDBC URL.")
  String jdbcUrl;

  @Option(names = "--redis-uri", description = "Redis URI, e.g. redis://localhost:6379.")
  String redisUri;

  @Override
  public Integer call() {
    SettingOverrides settings =
        service
            .overrides()
            .with("vigil.sink.jdbc.url", jdbcUrl)
            .with("vigil.sink.redis.uri", redisUri);
    return ServiceRunner.run(
        "sink", settings.env(), SinkConfig::from, SinkApplication::start, System.err);
  }
}
