package io.vigil.runtime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * {@code vigil_errors_total{component,type}}: errors a service handled, by the part that met them
 * (e.g. {@code stream-thread}, {@code postgres-writer}, {@code kafka-producer}) and the exception's
 * simple class name. Both label sets are small and fixed by the code, never taken from data.
 */
public final class ServiceErrors {
  private final MeterRegistry registry;

  public ServiceErrors(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  public void record(String component, Throwable error) {
    record(component, error.getClass().getSimpleName());
  }

  public void record(String component, String type) {
    Counter.builder("vigil.errors")
        .description("Errors handled, by component and exception type")
        .tag("component", component)
        .tag("type", type)
        .register(registry)
        .increment();
  }
}
