package io.vigil.processor.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.schemas.anomaly.Severity;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

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
 *   <li>{@code vigil.processor.model.cache{result}}: model cache look-ups, {@code hit} or {@code
 *       miss}; {@code vigil.processor.model.cache.evictions}: models evicted from the cache (the
 *       least recently used, when it is full); {@code vigil.processor.models.cached}: models in the
 *       caches of this instance (gauge)
 *   <li>{@code vigil.processor.models.evicted}: models deleted because their key was idle longer
 *       than the TTL (event time)
 *   <li>{@code vigil.processor.anomalies.suppressed}: anomalies not emitted because the key alerted
 *       within its suppression window
 *   <li>{@code vigil.processor.detector.configs{outcome}}: detector-config records {@code applied},
 *       {@code rejected} or {@code removed}
 * </ul>
 */
public final class ProcessorMetrics {
  private final MeterRegistry registry;
  private final Counter eventsScored;
  private final Map<Severity, Counter> anomalies = new EnumMap<>(Severity.class);
  private final Counter cacheHits;
  private final Counter cacheMisses;
  private final Counter cacheEvictions;
  private final AtomicLong cachedModels = new AtomicLong();
  private final Counter modelsEvicted;
  private final Counter suppressed;

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
    this.cacheHits = cacheLookups("hit");
    this.cacheMisses = cacheLookups("miss");
    this.cacheEvictions =
        Counter.builder("vigil.processor.model.cache.evictions")
            .description("Models evicted from the model cache because it was full")
            .register(registry);
    Gauge.builder("vigil.processor.models.cached", cachedModels, AtomicLong::get)
        .description("Deserialised models held in the model caches of this instance")
        .register(registry);
    this.modelsEvicted =
        Counter.builder("vigil.processor.models.evicted")
            .description("Models deleted because their key was idle longer than the TTL")
            .register(registry);
    this.suppressed =
        Counter.builder("vigil.processor.anomalies.suppressed")
            .description("Anomalies not emitted: the key alerted within its suppression window")
            .register(registry);
  }

  private Counter cacheLookups(String result) {
    return Counter.builder("vigil.processor.model.cache")
        .description("Model cache look-ups by result")
        .tag("result", result)
        .register(registry);
  }

  public void modelCacheHit() {
    cacheHits.increment();
  }

  public void modelCacheMiss() {
    cacheMisses.increment();
  }

  public void modelCacheEviction() {
    cacheEvictions.increment();
  }

  /** Adds {@code delta} (negative when models leave) to the cached models gauge. */
  public void modelsCached(long delta) {
    cachedModels.addAndGet(delta);
  }

  public void modelsEvicted(int count) {
    modelsEvicted.increment(count);
  }

  public void anomalySuppressed() {
    suppressed.increment();
  }

  public void detectorConfig(String outcome) {
    Counter.builder("vigil.processor.detector.configs")
        .description("Detector-config records applied, rejected or removed")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
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
