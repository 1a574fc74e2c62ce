package io.vigil.processor.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.vigil.detect.pipeline.SuppressionReason;
import io.vigil.processor.metrics.MeterCaches.PerPartition;
import io.vigil.schemas.anomaly.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Meters of scoring: what the scorer did with each event. Every meter is registered once, at bind
 * time or on the first use of its tag values, then looked up without allocating.
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
 *   <li>{@code vigil.processor.anomalies.suppressed{reason}}: anomalies not emitted, {@code repeat}
 *       (the key alerted within its suppression window) or held back by a rule of its detector
 *       config ({@code margin}, {@code direction}, {@code severity}) or a maintenance window
 *   <li>{@code vigil.processor.detector.configs{outcome}}: detector-config records {@code applied},
 *       {@code rejected} or {@code removed}
 * </ul>
 */
public final class ScoringMetrics implements MeterBinder {
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

  private final LongAdder eventsScored = new LongAdder();
  private final ConcurrentHashMap<String, Setup> setups = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Map<Severity, PerPartition<Counter>>> anomalies =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Counter> detectorConfigs = new ConcurrentHashMap<>();
  private MeterRegistry registry;
  private PerPartition<Counter> scored;
  private PerPartition<Counter> rerouted;
  private PerPartition<Timer> eventTimeLatencies;
  private PerPartition<Timer> ingestTimeLatencies;
  private Map<SuppressionReason, Counter> suppressed;

  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = MeterCaches.bindOnce(this.registry, registry, this);
    scored =
        new PerPartition<>(
            p ->
                Counter.builder("vigil.processor.events.scored")
                    .description("Events scored, by partition of the events topic")
                    .tag("partition", Integer.toString(p))
                    .register(registry));
    rerouted =
        new PerPartition<>(
            p ->
                Counter.builder("vigil.processor.events.rerouted")
                    .description(
                        "Events read from a partition that does not own their key, sent through"
                            + " the repartition")
                    .tag("partition", Integer.toString(p))
                    .register(registry));
    eventTimeLatencies = new PerPartition<>(p -> latencyTimer("event_time", p));
    ingestTimeLatencies = new PerPartition<>(p -> latencyTimer("ingest_time", p));
    suppressed =
        MeterCaches.countersByValue(
            registry,
            "vigil.processor.anomalies.suppressed",
            "Anomalies not emitted, by reason: a repeat within the key's suppression window, an"
                + " operator rule (margin, direction, severity) or a maintenance window",
            "reason",
            SuppressionReason.class);
  }

  private Timer latencyTimer(String from, int partition) {
    return Timer.builder("vigil.processor.end.to.end.latency")
        .description("Time from the event's timestamp or ingestion until it was scored")
        .tag("from", from)
        .tag("partition", Integer.toString(partition))
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry);
  }

  /** Events scored by this instance since it started. */
  public long eventsScored() {
    return eventsScored.sum();
  }

  /** An event read from {@code partition} of the events topic was scored. */
  public void eventScored(int partition) {
    eventsScored.increment();
    scored.get(partition).increment();
  }

  /**
   * The scored-events counter of {@code partition}, registered at 0 if new (so that rates exist
   * before the first event).
   */
  public Counter scoredCounter(int partition) {
    return scored.get(partition);
  }

  /** A valid event read from {@code partition} went through the repartition to its key's owner. */
  public void eventRerouted(int partition) {
    rerouted.get(partition).increment();
  }

  /** The rerouted-events counter of {@code partition}, registered at 0 if new. */
  public Counter reroutedCounter(int partition) {
    return rerouted.get(partition);
  }

  /** An anomaly of an event read from {@code partition} of the events topic was emitted. */
  public void anomalyEmitted(Severity severity, String detector, int partition) {
    Map<Severity, PerPartition<Counter>> bySeverity = anomalies.get(detector);
    if (bySeverity == null) {
      bySeverity = anomalies.computeIfAbsent(detector, this::anomalyCounters);
    }
    bySeverity.get(severity).get(partition).increment();
  }

  private Map<Severity, PerPartition<Counter>> anomalyCounters(String detector) {
    Map<Severity, PerPartition<Counter>> bySeverity = new EnumMap<>(Severity.class);
    for (Severity severity : Severity.values()) {
      bySeverity.put(
          severity,
          new PerPartition<>(
              p ->
                  Counter.builder("vigil.processor.anomalies")
                      .description(
                          "Anomalies emitted to the anomalies topic, by the detector that fired")
                      .tag("severity", severity.wireName())
                      .tag("detector", detector)
                      .tag("partition", Integer.toString(p))
                      .register(registry)));
    }
    return bySeverity;
  }

  public void anomalySuppressed(SuppressionReason reason) {
    suppressed.get(reason).increment();
  }

  /** The meters of the detector setup {@code detector}, made on its first event. */
  public Setup setup(String detector) {
    Setup setup = setups.get(detector);
    return setup != null ? setup : setups.computeIfAbsent(detector, Setup::new);
  }

  /** A detector-config record was {@code applied}, {@code rejected} or {@code removed}. */
  public void detectorConfig(String outcome) {
    // Not per event: a config record is rare.
    detectorConfigs
        .computeIfAbsent(
            outcome,
            o ->
                Counter.builder("vigil.processor.detector.configs")
                    .description("Detector-config records applied, rejected or removed")
                    .tag("outcome", o)
                    .register(registry))
        .increment();
  }

  /**
   * An event of {@code partition} with the timestamp {@code eventTime} (and, when the ingest API
   * accepted it, {@code ingestedAt}, else null) was scored at {@code scoredAt}; negative latencies
   * (clocks apart) count as zero.
   */
  public void endToEndLatency(
      int partition, Instant eventTime, Instant ingestedAt, Instant scoredAt) {
    eventTimeLatencies
        .get(partition)
        .record(millisBetween(eventTime, scoredAt), TimeUnit.MILLISECONDS);
    if (ingestedAt != null) {
      ingestTimeLatencies
          .get(partition)
          .record(millisBetween(ingestedAt, scoredAt), TimeUnit.MILLISECONDS);
    }
  }

  private static long millisBetween(Instant from, Instant to) {
    return Math.max(0, to.toEpochMilli() - from.toEpochMilli());
  }

  /** The meters of one detector setup, so that an event looks its setup up once. */
  public final class Setup {
    private final Timer duration;
    private final DistributionSummary nines;

    private Setup(String detector) {
      duration =
          Timer.builder("vigil.detection.duration")
              .description("Time to score one event, by detector setup")
              .tag("detector", detector)
              .publishPercentileHistogram()
              .minimumExpectedValue(Duration.ofNanos(1_000))
              .maximumExpectedValue(Duration.ofSeconds(1))
              .register(registry);
      nines =
          DistributionSummary.builder("vigil.processor.score.nines")
              .description(
                  "Calibrated scores of events past warm-up as -log10(1 - score), by detector"
                      + " setup")
              .tag("detector", detector)
              .serviceLevelObjectives(NINES_BUCKETS)
              .register(registry);
    }

    /** Scoring one event took {@code nanos}. */
    public void detectionDuration(long nanos) {
      duration.record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * An event past its warm-up got the calibrated {@code score} in [0, 1]. Recorded as nines
     * because Micrometer's histograms count whole numbers (a value goes to the bucket of its
     * ceiling), and the scores that matter all lie between 0.999 and 1.
     */
    public void score(double score) {
      // Rounded, so that 0.99999 is 5 nines and not 5.0000000000002 (which would count in 6).
      double value =
          Math.rint(Math.min(MAX_NINES, -Math.log10(Math.max(1 - score, 0))) * 1e6) / 1e6;
      nines.record(Math.max(0, value));
    }
  }
}
