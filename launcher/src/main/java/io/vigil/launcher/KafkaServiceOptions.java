package io.vigil.launcher;

import picocli.CommandLine.Option;

/** The options every service command shares; they override the environment. */
final class KafkaServiceOptions {
  @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers.")
  String bootstrapServers;

  @Option(names = "--http-port", description = "Port of /metrics and /health.")
  Integer httpPort;

  /** The environment with these options applied on top. */
  SettingOverrides overrides() {
    return new SettingOverrides(System.getenv())
        .with("kafka.bootstrap.servers", bootstrapServers)
        .with("vigil.http.port", httpPort);
  }
}
