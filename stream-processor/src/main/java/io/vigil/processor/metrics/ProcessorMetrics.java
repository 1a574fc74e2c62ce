package io.vigil.processor.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.schemas.anomaly.Severity;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The stream processor's own meters. Every tag has a small fixed set of values (stages, reason
 * kinds, exception class names, severities), never keys or payloads, so cardinality stays bounded.
 *
 * <ul>
 *   <li>{@code vigil.processor.events.scored}: events scored against a model
 *   <li>{@code vigil.processor.anomalies{severity}}: anomalies emitted
 *   <li>{@code vigil.processor.dead.letters{stage,reason}}: records sent to the dead-letter topic
 *   <li>{@code vigil.processor.model.resets{reason}}: stored models that could not be read and were
 *       started afresh
 *   <li>{@code vigil.processor.production.errors{kind,outcome}}: failed writes to Kafka
 *   <li>{@code vigil.processor.stream.thread.failures{exception,response}}: stream threads that
 *       died
 * </ul>
 */
public final class ProcessorMetrics {
  private final MeterRegistry registry;
  private final Counter eventsScored;
  private final Map<Severity, Counter> anomalies = new EnumMap<>(Severity.class);

  public ProcessorMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.eventsScored =
        Counter.builder("vigil.processor.events.scored")
            .description("Events scored against their series' model")
            .register(registry);
    for (Severity severity : Severity.values()) {
      anomalies.put(
          severity,
          Counter.builder("vigil.processor.anomalies")
              .description("Anomalies emitted to the anomalies topic")
              .tag("severity", severity.wireName())
              .register(registry));
    }
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Events scored by this instance since it started. */
  public long eventsScored() {
    return (long) eventsScored.count();
  }

  public void eventScored() {
    eventsScored.increment();
  }

  public void anomalyEmitted(Severity severity) {
    anomalies.get(severity).increment();
  }

  public void deadLetter(String stage, String reason) {
    Counter.builder("vigil.processor.dead.letters")
        .description("Records sent to the dead-letter topic instead of being processed")
        .tag("stage", stage)
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  public void modelReset(String reason) {
    Counter.builder("vigil.processor.model.resets")
        .description("Stored models that could not be read and were started afresh")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  public void productionError(String kind, String outcome) {
    Counter.builder("vigil.processor.production.errors")
        .description("Records Kafka Streams could not write, by exception and outcome")
        .tag("kind", kind)
        .tag("outcome", outcome.toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }

  public void streamThreadFailed(String exception, String response) {
    Counter.builder("vigil.processor.stream.thread.failures")
        .description("Stream threads that died of an uncaught exception, by response")
        .tag("exception", exception)
        .tag("response", response.toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }
}
