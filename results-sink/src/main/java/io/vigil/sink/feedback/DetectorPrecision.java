package io.vigil.sink.feedback;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.runtime.BackgroundThreads;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code vigil_detector_precision{detector}}: the share of a detector's labelled anomalies that
 * people confirmed, over the labels of the last {@code window}, recomputed every {@code refresh}
 * (the monitoring guide's model accuracy). Detectors without labels in the window have no series,
 * rather than a made-up value.
 */
public final class DetectorPrecision implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DetectorPrecision.class);

  /** Where the label counts come from. */
  @FunctionalInterface
  public interface Source {
    Map<String, LabelCounts> countsSince(java.time.Instant since);
  }

  private final Source source;
  private final Duration window;
  private final MeterRegistry registry;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();
  private final Map<String, AtomicReference<Double>> values = new ConcurrentHashMap<>();

  private DetectorPrecision(
      Source source,
      Duration window,
      MeterRegistry registry,
      Clock clock,
      ScheduledExecutorService scheduler) {
    this.source = source;
    this.window = window;
    this.registry = registry;
    this.clock = clock;
    this.scheduler = scheduler;
  }

  /** Starts refreshing in the background, the first time at once. */
  public static DetectorPrecision start(
      Source source, Duration window, Duration refresh, MeterRegistry registry, Clock clock) {
    ScheduledExecutorService scheduler = BackgroundThreads.scheduler("vigil-sink-precision");
    DetectorPrecision precision = new DetectorPrecision(source, window, registry, clock, scheduler);
    scheduler.scheduleWithFixedDelay(
        precision::refreshQuietly, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    return precision;
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      log.warn("cannot compute detector precision (the last values stay): {}", e.getMessage());
    }
  }

  void refresh() {
    Map<String, LabelCounts> counts = source.countsSince(clock.instant().minus(window));
    counts.forEach(
        (detector, labels) -> {
          if (labels.confirmed() + labels.falsePositives() == 0) {
            return;
          }
          values
              .computeIfAbsent(
                  detector,
                  d -> {
                    AtomicReference<Double> value = new AtomicReference<>(Double.NaN);
                    gauges.put(
                        d,
                        Gauge.builder("vigil.detector.precision", value, AtomicReference::get)
                            .description(
                                "Confirmed share of the detector's labelled anomalies in the"
                                    + " feedback window")
                            .tag("detector", d)
                            .register(registry));
                    return value;
                  })
              .set(labels.precision());
        });
    gauges.keySet().stream()
        .filter(detector -> !counts.containsKey(detector))
        .toList()
        .forEach(
            detector -> {
              registry.remove(gauges.remove(detector));
              values.remove(detector);
            });
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
