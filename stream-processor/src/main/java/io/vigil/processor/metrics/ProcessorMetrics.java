package io.vigil.processor.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vigil.detect.pipeline.SuppressionReason;
import io.vigil.runtime.metrics.ServiceErrors;
import io.vigil.schemas.anomaly.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * The stream processor's own meters. Every tag has a small fixed set of values (stages, reason
 * kinds, exception class names, severities), never keys or payloads, so cardinality stays bounded.
 *
 * <ul>
 *   <li>{@code vigil.processor.events.scored{partition}}: events scored, by partition of the events
 *       topic they were read from
 *   <li>{@code vigil.processor.events.rerouted{partition}}: valid events read from a partition that
 *       does not own their series key (null or other record key, another partitioner), so they took
 *       the repartition hop to the owning task, by partition they were read from
 *   <li>{@code vigil.processor.anomalies{severity,detector,partition}}: anomalies emitted, by the
 *       detector that fired and the events topic partition
 *   <li>{@code vigil.detection.duration{detector}}: time to score one event (histogram), by
 *       detector setup
 *   <li>{@code vigil.processor.score.nines{detector}}: calibrated scores of events past warm-up as
 *       nines, {@code -log10(1 - score)} (5 = 0.99999, the default alert threshold), histogram with
 *       a bucket per nine, by detector setup
 *   <li>{@code vigil.processor.end.to.end.latency{from,partition}}: wall-clock time from the
 *       event's timestamp ({@code from="event_time"}) or from its acceptance by the ingest API
 *       ({@code from="ingest_time"}) until it was scored (histogram)
 *   <li>{@code vigil.processor.models.active{partition}}: models stored, by task partition; {@code
 *       vigil.processor.models.started}: models started (new keys, resets)
 *   <li>{@code vigil.processor.dead.letters{stage,reason,partition}}: records sent to the
 *       dead-letter topic
 *   <li>{@code vigil.errors{component,type}}: processing, production and stream-thread errors
 *       ({@link ServiceErrors})
 *   <li>{@code vigil.processor.model.resets{reason}}: stored models started afresh, {@code
 *       unreadable}, {@code detector_changed} or {@code operator}
 *   <li>{@code vigil.processor.production.errors{kind,outcome}}: failed writes to Kafka
 *   <li>{@code vigil.processor.stream.thread.failures{response}}: stream threads that died, by the
 *       handler's response (the exception's class is in {@code vigil.errors} and the log)
 *   <li>{@code vigil.processor.model.cache{result}}: model cache look-ups, {@code hit} or {@code
 *       miss}; {@code vigil.processor.model.cache.evictions}: models evicted from the cache (the
 *       least recently used, when it is full); {@code vigil.processor.models.cached}: models in the
 *       caches of this instance (gauge)
 *   <li>{@code vigil.processor.models.evicted}: models deleted because their key was idle longer
 *       than the TTL (event time)
 *   <li>{@code vigil.processor.anomalies.suppressed{reason}}: anomalies not emitted, {@code repeat}
 *       (the key alerted within its suppression window) or held back by a rule of its detector
 *       config ({@code margin}, {@code direction}, {@code severity})
 *   <li>{@code vigil.processor.detector.configs{outcome}}: detector-config records {@code applied},
 *       {@code rejected} or {@code removed}
 * </ul>
 *
 * <p>Counters that alerts and dashboards read exist from the start, at 0: a series born at 1 would
 * never show in {@code increase()}, and a missing one cannot be told from a broken scrape.
 */
public final class ProcessorMetrics {
  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(10),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofSeconds(60),
    Duration.ofMinutes(5)
  };

  /** Alerting starts at 5 nines by default, severities at 6, 7 and 9. */
  private static final double[] NINES_BUCKETS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

  /** A score of exactly 1 would be infinitely many nines. */
  private static final double MAX_NINES = 12;

  private final MeterRegistry registry;
  private final LongAdder eventsScored = new LongAdder();
  private final Map<Integer, Counter> scoredByPartition = new ConcurrentHashMap<>();
  private final Map<Integer, Counter> reroutedByPartition = new ConcurrentHashMap<>();
  private final Map<String, Timer> detectionDurations = new ConcurrentHashMap<>();
  private final Map<String, DistributionSummary> scoreNines = new ConcurrentHashMap<>();
  private final Map<Integer, Timer> eventTimeLatencies = new ConcurrentHashMap<>();
  private final Map<Integer, Timer> ingestTimeLatencies = new ConcurrentHashMap<>();
  private final Map<Integer, Gauge> activeModelGauges = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicLong> activeModelCounts = new ConcurrentHashMap<>();
  private final Counter modelsCreated;
  private final ServiceErrors errors;
  private final Counter cacheHits;
  private final Counter cacheMisses;
  private final Counter cacheEvictions;
  private final AtomicLong cachedModels = new AtomicLong();
  private final Counter modelsEvicted;
  private final Map<SuppressionReason, Counter> suppressed;
  private final Map<ModelReset, Counter> modelResets;
  private final Map<StreamThreadExceptionResponse, Counter> threadFailures;

  /** Why a series' model started afresh. */
  public enum ModelReset {
    /** Its stored model could not be read (corrupt, unknown format). */
    UNREADABLE,
    /** Its key is now configured with another detector setup. */
    DETECTOR_CHANGED,
    /** An operator reset it (a {@code model-resets} request, or the HTTP API). */
    OPERATOR
  }

  public ProcessorMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.errors = new ServiceErrors(registry);
    this.modelsCreated =
        Counter.builder("vigil.processor.models.started")
            .description("Models started: new keys, and keys whose stored model was reset")
            .register(registry);
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
        countersByValue(
            "vigil.processor.anomalies.suppressed",
            "Anomalies not emitted, by reason: a repeat within the key's suppression window, an"
                + " operator rule (margin, direction, severity) or a maintenance window",
            "reason",
            SuppressionReason.class);
    this.modelResets =
        countersByValue(
            "vigil.processor.model.resets",
            "Models of series started afresh, by reason",
            "reason",
            ModelReset.class);
    this.threadFailures =
        countersByValue(
            "vigil.processor.stream.thread.failures",
            "Stream threads that died of an uncaught exception, by response",
            "response",
            StreamThreadExceptionResponse.class);
  }

  /** One counter per value of {@code values}, tagged with its lower-case name, all at 0. */
  private <E extends Enum<E>> Map<E, Counter> countersByValue(
      String name, String description, String tag, Class<E> values) {
    Map<E, Counter> counters = new EnumMap<>(values);
    for (E value : values.getEnumConstants()) {
      counters.put(
          value,
          Counter.builder(name)
              .description(description)
              .tag(tag, value.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
    return counters;
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

  public void anomalySuppressed(SuppressionReason reason) {
    suppressed.get(reason).increment();
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
    return eventsScored.sum();
  }

  /** An event read from {@code partition} of the events topic was scored. */
  public void eventScored(int partition) {
    eventsScored.increment();
    scoredCounter(partition).increment();
  }

  /**
   * The scored-events counter of {@code partition}, registered at 0 if new (so that rates exist
   * before the first event).
   */
  public Counter scoredCounter(int partition) {
    return partitionCounter(
        scoredByPartition,
        "vigil.processor.events.scored",
        "Events scored, by partition of the events topic",
        partition);
  }

  /** A valid event read from {@code partition} went through the repartition to its key's owner. */
  public void eventRerouted(int partition) {
    reroutedCounter(partition).increment();
  }

  /** The rerouted-events counter of {@code partition}, registered at 0 if new. */
  public Counter reroutedCounter(int partition) {
    return partitionCounter(
        reroutedByPartition,
        "vigil.processor.events.rerouted",
        "Events read from a partition that does not own their key, sent through the repartition",
        partition);
  }

  private Counter partitionCounter(
      Map<Integer, Counter> counters, String name, String description, int partition) {
    return counters.computeIfAbsent(
        partition,
        p ->
            Counter.builder(name)
                .description(description)
                .tag("partition", Integer.toString(p))
                .register(registry));
  }

  /** An anomaly of an event read from {@code partition} of the events topic was emitted. */
  public void anomalyEmitted(Severity severity, String detector, int partition) {
    Counter.builder("vigil.processor.anomalies")
        .description("Anomalies emitted to the anomalies topic, by the detector that fired")
        .tag("severity", severity.wireName())
        .tag("detector", detector)
        .tag("partition", Integer.toString(partition))
        .register(registry)
        .increment();
  }

  /** Scoring one event with {@code detector} took {@code nanos}. */
  public void detectionDuration(String detector, long nanos) {
    detectionDurations
        .computeIfAbsent(
            detector,
            d ->
                Timer.builder("vigil.detection.duration")
                    .description("Time to score one event, by detector setup")
                    .tag("detector", d)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofNanos(1_000))
                    .maximumExpectedValue(Duration.ofSeconds(1))
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * An event past its warm-up got the calibrated {@code score} in [0, 1] from {@code detector}.
   * Recorded as nines because Micrometer's histograms count whole numbers (a value goes to the
   * bucket of its ceiling), and the scores that matter all lie between 0.999 and 1.
   */
  public void score(String detector, double score) {
    // Rounded, so that 0.99999 is 5 nines and not 5.0000000000002 (which would count in 6).
    double nines = Math.rint(Math.min(MAX_NINES, -Math.log10(Math.max(1 - score, 0))) * 1e6) / 1e6;
    scoreNines
        .computeIfAbsent(
            detector,
            d ->
                DistributionSummary.builder("vigil.processor.score.nines")
                    .description(
                        "Calibrated scores of events past warm-up as -log10(1 - score), by"
                            + " detector setup")
                    .tag("detector", d)
                    .serviceLevelObjectives(NINES_BUCKETS)
                    .register(registry))
        .record(Math.max(0, nines));
  }

  /**
   * An event of {@code partition} with the timestamp {@code eventTime} (and, when the ingest API
   * accepted it, {@code ingestedAt}, else null) was scored at {@code scoredAt}; negative latencies
   * (clocks apart) count as zero.
   */
  public void endToEndLatency(
      int partition, Instant eventTime, Instant ingestedAt, Instant scoredAt) {
    latencyTimer(eventTimeLatencies, "event_time", partition)
        .record(millisBetween(eventTime, scoredAt), TimeUnit.MILLISECONDS);
    if (ingestedAt != null) {
      latencyTimer(ingestTimeLatencies, "ingest_time", partition)
          .record(millisBetween(ingestedAt, scoredAt), TimeUnit.MILLISECONDS);
    }
  }

  private static long millisBetween(Instant from, Instant to) {
    return Math.max(0, to.toEpochMilli() - from.toEpochMilli());
  }

  private Timer latencyTimer(Map<Integer, Timer> timers, String from, int partition) {
    return timers.computeIfAbsent(
        partition,
        p ->
            Timer.builder("vigil.processor.end.to.end.latency")
                .description("Time from the event's timestamp or ingestion until it was scored")
                .tag("from", from)
                .tag("partition", Integer.toString(p))
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry));
  }

  public void modelCreated() {
    modelsCreated.increment();
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

  /** A record read from {@code partition} of its input topic went to the dead-letter topic. */
  public void deadLetter(String stage, String reason, int partition) {
    Counter.builder("vigil.processor.dead.letters")
        .description("Records sent to the dead-letter topic instead of being processed")
        .tag("stage", stage)
        .tag("reason", reason)
        .tag("partition", Integer.toString(partition))
        .register(registry)
        .increment();
  }

  /**
   * A dead letter was too large for the producer or the dead-letter topic and went as a stub (its
   * position, size and digest, without the value); it is counted as a dead letter as well.
   */
  public void deadLetterStub(String stage) {
    Counter.builder("vigil.processor.dead.letter.stubs")
        .description("Dead letters sent as stubs because the full copy was too large")
        .tag("stage", stage)
        .register(registry)
        .increment();
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
    Counter.builder("vigil.processor.reset.requests")
        .description("Model reset requests applied by a task, or rejected as invalid")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  /** A record could not be processed ({@code type}: the exception's simple class name). */
  public void processingError(String type) {
    errors.record("processing", type);
  }

  public void productionError(String kind, String outcome) {
    errors.record("kafka-producer", kind);
    Counter.builder("vigil.processor.production.errors")
        .description("Records Kafka Streams could not write, by exception and outcome")
        .tag("kind", kind)
        .tag("outcome", outcome.toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }

  public void streamThreadFailed(String exception, StreamThreadExceptionResponse response) {
    errors.record("stream-thread", exception);
    threadFailures.get(response).increment();
  }
}
