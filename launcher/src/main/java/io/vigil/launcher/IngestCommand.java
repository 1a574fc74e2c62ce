package io.vigil.launcher;

import io.vigil.ingest.http.IngestApplication;
import io.vigil.ingest.http.IngestServiceConfig;
import io.vigil.runtime.ServiceRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil ingest}: the HTTP ingest API ({@code POST /v1/events}). */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the HTTP ingest API: POST /v1/events (JSON array or NDJSON) into the events topic.",
      "Settings come from the environment (VIGIL_INGEST_*, VIGIL_EVENTS_*, KAFKA_*); options",
      "override them. API keys are configured as SHA-256 hashes: see 'vigil hash-key'."
    })
final class IngestCommand implements Callable<Integer> {
  @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers.")
  String bootstrapServers;

  @Option(names = "--http-port", description = "Port of the API, /metrics and /health (8080).")
  Integer httpPort;

  @Option(
      names = "--api-keys",
      description = "client-a:<sha256 hex>,client-b:<sha256 hex> (VIGIL_INGEST_API_KEYS).")
  String apiKeys;

  @Override
  public Integer call() {
    SettingOverrides settings =
        new SettingOverrides(System.getenv())
            .with("kafka.bootstrap.servers", bootstrapServers)
            .with("vigil.http.port", httpPort)
            .with("vigil.ingest.api.keys", apiKeys);
    return ServiceRunner.run(
        "ingest-api",
        settings.env(),
        IngestServiceConfig::from,
        IngestApplication::start,
        System.err);
  }
}
