package io.vigil.processor.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Meters of the model store, shaped like Micrometer's cache binders: size, look-ups by result,
 * evictions, and the models started, expired and reset. Every meter is registered once, at bind
 * time or on the first use of its tag values.
 *
 * <ul>
 *   <li>{@code vigil.processor.models.active{partition}}: models stored, by task partition; {@code
 *       vigil.processor.models.started}: models started (new keys, resets)
 *   <li>{@code vigil.processor.model.cache{result}}: model cache look-ups, {@code hit} or {@code
 *       miss}; {@code vigil.processor.model.cache.evictions}: models evicted from the cache (the
 *       least recently used, when it is full); {@code vigil.processor.models.cached}: models in the
 *       caches of this instance (gauge)
 *   <li>{@code vigil.processor.models.evicted}: models deleted because their key was idle longer
 *       than the TTL (event time)
 *   <li>{@code vigil.processor.model.resets{reason}}: stored models started afresh, {@code
 *       unreadable}, {@code detector_changed} or {@code operator}
 *   <li>{@code vigil.processor.reset.requests{outcome}}: operators' reset requests {@code applied}
 *       by a task or {@code rejected}
 * </ul>
 */
public final class ModelStoreMetrics implements MeterBinder {
  private final AtomicLong cachedModels = new AtomicLong();
  private final Map<Integer, Gauge> activeModelGauges = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicLong> activeModelCounts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Counter> resetRequests = new ConcurrentHashMap<>();
  private MeterRegistry registry;
  private Counter modelsStarted;
  private Counter cacheHits;
  private Counter cacheMisses;
  private Counter cacheEvictions;
  private Counter modelsEvicted;
  private Map<ModelReset, Counter> modelResets;

  /** Why a series' model started afresh. */
  public enum ModelReset {
    /** Its stored model could not be read (corrupt, unknown format). */
    UNREADABLE,
    /** Its key is now configured with another detector setup. */
    DETECTOR_CHANGED,
    /** An operator reset it (a {@code model-resets} request, or the HTTP API). */
    OPERATOR
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = MeterCaches.bindOnce(this.registry, registry, this);
    modelsStarted =
        Counter.builder("vigil.processor.models.started")
            .description("Models started: new keys, and keys whose stored model was reset")
            .register(registry);
    cacheHits = cacheLookups("hit");
    cacheMisses = cacheLookups("miss");
    cacheEvictions =
        Counter.builder("vigil.processor.model.cache.evictions")
            .description("Models evicted from the model cache because it was full")
            .register(registry);
    Gauge.builder("vigil.processor.models.cached", cachedModels, AtomicLong::get)
        .description("Deserialised models held in the model caches of this instance")
        .register(registry);
    modelsEvicted =
        Counter.builder("vigil.processor.models.evicted")
            .description("Models deleted because their key was idle longer than the TTL")
            .register(registry);
    modelResets =
        MeterCaches.countersByValue(
            registry,
            "vigil.processor.model.resets",
            "Models of series started afresh, by reason",
            "reason",
            ModelReset.class);
  }

  private Counter cacheLookups(String result) {
    return Counter.builder("vigil.processor.model.cache")
        .description("Model cache look-ups by result")
        .tag("result", result)
        .register(registry);
  }

  public void cacheHit() {
    cacheHits.increment();
  }

  public void cacheMiss() {
    cacheMisses.increment();
  }

  public void cacheEviction() {
    cacheEvictions.increment();
  }

  /** Adds {@code delta} (negative when models leave) to the cached models gauge. */
  public void modelsCached(long delta) {
    cachedModels.addAndGet(delta);
  }

  /** {@code count} models were deleted because their keys were idle longer than the TTL. */
  public void modelsEvicted(int count) {
    modelsEvicted.increment(count);
  }

  public void modelStarted() {
    modelsStarted.increment();
  }

  public void modelReset(ModelReset reason) {
    modelResets.get(reason).increment();
  }

  /** {@code count} models were reset for {@code reason}. */
  public void modelResets(ModelReset reason, int count) {
    modelResets.get(reason).increment(count);
  }

  /** An operator's reset request was applied by a task ({@code outcome} applied) or rejected. */
  public void resetRequest(String outcome) {
    // Not per event: a reset request is rare.
    resetRequests
        .computeIfAbsent(
            outcome,
            o ->
                Counter.builder("vigil.processor.reset.requests")
                    .description("Model reset requests applied by a task, or rejected as invalid")
                    .tag("outcome", o)
                    .register(registry))
        .increment();
  }

  /**
   * Reports the models stored by the task of {@code partition} (read from {@code count}) until
   * {@link #forgetActiveModels(int)}.
   */
  public void activeModels(int partition, AtomicLong count) {
    forgetActiveModels(partition);
    activeModelGauges.put(
        partition,
        Gauge.builder("vigil.processor.models.active", count, AtomicLong::get)
            .description("Models stored, by task partition")
            .tag("partition", Integer.toString(partition))
            .register(registry));
  }

  /**
   * The count of models stored by the task of {@code partition}, shared by the task's processors
   * that add and delete models.
   */
  public AtomicLong activeModelCount(int partition) {
    return activeModelCounts.computeIfAbsent(partition, p -> new AtomicLong());
  }

  /** The task of {@code partition} left this instance. */
  public void forgetActiveModels(int partition) {
    Gauge gauge = activeModelGauges.remove(partition);
    if (gauge != null) {
      registry.remove(gauge);
    }
  }
}
