package io.vigil.ingest.generate;

import io.vigil.runtime.Closer;
import io.vigil.runtime.ServiceRunner;
import io.vigil.runtime.http.AdminServer;
import io.vigil.runtime.metrics.ServiceMetrics;
import java.time.Clock;
import java.time.Duration;

/**
 * The generator service: a {@link SyntheticGenerator} plus the admin HTTP server ({@code /metrics},
 * {@code /health/live}, {@code /health/ready} = producer healthy).
 */
public final class GeneratorApplication implements AutoCloseable, ServiceRunner.Finite {
  /** The {@code service} tag on every metric. */
  public static final String SERVICE_NAME = "ingest-generator";

  private final Closer parts;
  private final SyntheticGenerator generator;
  private final AdminServer admin;

  private GeneratorApplication(Closer parts, SyntheticGenerator generator, AdminServer admin) {
    this.parts = parts;
    this.generator = generator;
    this.admin = admin;
  }

  /** Creates the events topic if configured to, starts generating and serves the admin API. */
  public static GeneratorApplication start(GeneratorServiceConfig config, Clock clock) {
    Closer parts = new Closer("generator");
    ServiceMetrics metrics = parts.register("metrics", ServiceMetrics.create(SERVICE_NAME));
    try {
      SyntheticGenerator generator =
          parts.register(
              "generator",
              SyntheticGenerator.start(
                  config.generator(), config.kafka(), metrics.registry(), clock));
      AdminServer admin =
          AdminServer.builder()
              .http(config.http())
              .metrics(metrics.registry())
              .readiness("producer", generator::health)
              .start();
      return new GeneratorApplication(parts, generator, parts.register("admin server", admin));
    } catch (RuntimeException e) {
      parts.close();
      throw e;
    }
  }

  /** The port the admin HTTP server listens on. */
  public int adminPort() {
    return admin.port();
  }

  public SyntheticGenerator generator() {
    return generator;
  }

  /** See {@link SyntheticGenerator#awaitCompletion(Duration)}. */
  public boolean awaitCompletion(Duration timeout) {
    return generator.awaitCompletion(timeout);
  }

  @Override
  public boolean finished() {
    return generator.completed();
  }

  @Override
  public boolean failed() {
    return generator.failed();
  }

  @Override
  public void close() {
    parts.close();
  }
}
