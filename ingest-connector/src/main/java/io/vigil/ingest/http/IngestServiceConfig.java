package io.vigil.ingest.http;

import io.vigil.runtime.config.EventLimitsSettings;
import io.vigil.runtime.config.HttpSettings;
import io.vigil.runtime.config.KafkaSettings;
import io.vigil.runtime.config.Settings;
import io.vigil.schemas.event.EventLimits;
import java.util.Objects;

/**
 * Everything the ingest API service reads: {@link IngestApiConfig} ({@code vigil.ingest.*}), the
 * event limits ({@link EventLimitsSettings}, {@code vigil.events.*}, shared with the processor),
 * Kafka ({@link KafkaSettings}) and the HTTP server ({@link HttpSettings}, default port {@value
 * #DEFAULT_HTTP_PORT}; the API is served next to {@code /metrics} and the health checks).
 */
public record IngestServiceConfig(
    IngestApiConfig api, EventLimits limits, KafkaSettings kafka, HttpSettings http) {
  public static final int DEFAULT_HTTP_PORT = 8080;

  public IngestServiceConfig {
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(http, "http");
  }

  /** Reads every setting, then fails with one message listing all problems, if any. */
  public static IngestServiceConfig from(Settings settings) {
    IngestApiConfig api = IngestApiConfig.from(settings);
    EventLimits limits = EventLimitsSettings.from(settings);
    KafkaSettings kafka = KafkaSettings.from(settings);
    HttpSettings http = HttpSettings.from(settings, DEFAULT_HTTP_PORT);
    settings.validate();
    return new IngestServiceConfig(api, limits, kafka, http);
  }
}
