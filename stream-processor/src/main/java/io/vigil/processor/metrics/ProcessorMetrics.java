package io.vigil.processor.metrics;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The stream processor's own meters, one {@link io.micrometer.core.instrument.binder.MeterBinder}
 * per concern, all bound to one registry: {@link ScoringMetrics} (events, anomalies, scores,
 * latency), {@link ModelStoreMetrics} (models stored, cached, started, reset) and {@link
 * ErrorMetrics} (dead letters, failed writes, dead stream threads). Each part of the processor is
 * handed the binder it reports to.
 *
 * <p>Counters that alerts and dashboards read exist from the start, at 0: a series born at 1 would
 * never show in {@code increase()}, and a missing one cannot be told from a broken scrape.
 */
public final class ProcessorMetrics {
  private final ScoringMetrics scoring = new ScoringMetrics();
  private final ModelStoreMetrics models = new ModelStoreMetrics();
  private final ErrorMetrics errors = new ErrorMetrics();

  public ProcessorMetrics(MeterRegistry registry) {
    scoring.bindTo(registry);
    models.bindTo(registry);
    errors.bindTo(registry);
  }

  public ScoringMetrics scoring() {
    return scoring;
  }

  public ModelStoreMetrics models() {
    return models;
  }

  public ErrorMetrics errors() {
    return errors;
  }
}
