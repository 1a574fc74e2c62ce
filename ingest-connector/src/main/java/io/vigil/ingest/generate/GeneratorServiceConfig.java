package io.vigil.ingest.generate;

import io.vigil.runtime.config.HttpSettings;
import io.vigil.runtime.config.KafkaSettings;
import io.vigil.runtime.config.Settings;
import java.util.Objects;

/**
 * Everything the generator service reads: the {@link GeneratorConfig} ({@code vigil.generator.*}),
 * Kafka ({@link KafkaSettings}: {@code KAFKA_*} client properties, {@code vigil.topic.prefix},
 * {@code vigil.topics.*}) and the admin HTTP server ({@link HttpSettings}: {@code vigil.http.host},
 * {@code vigil.http.port}, default port {@value #DEFAULT_HTTP_PORT}).
 */
public record GeneratorServiceConfig(
    GeneratorConfig generator, KafkaSettings kafka, HttpSettings http) {
  public static final int DEFAULT_HTTP_PORT = 8080;

  public GeneratorServiceConfig {
    Objects.requireNonNull(generator, "generator");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(http, "http");
  }

  /** Reads every setting, then fails with one message listing all problems, if any. */
  public static GeneratorServiceConfig from(Settings settings) {
    GeneratorConfig.Builder generator = GeneratorConfig.read(settings);
    KafkaSettings kafka = KafkaSettings.from(settings);
    HttpSettings http = HttpSettings.from(settings, DEFAULT_HTTP_PORT);
    settings.validate();
    return new GeneratorServiceConfig(generator.build(), kafka, http);
  }
}
