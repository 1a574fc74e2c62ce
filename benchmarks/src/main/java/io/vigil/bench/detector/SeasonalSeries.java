package io.vigil.bench.detector;

import io.vigil.ingest.generate.GeneratorConfig;
import io.vigil.ingest.generate.SeriesSimulator;
import io.vigil.schemas.event.Event;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The synthetic generator's noisy daily-seasonal series (its defaults: level ~100, daily sine of
 * amplitude 10, Gaussian noise 1), without anomalies, at 5-minute steps. The feature maps are
 * generated once for two whole weeks and then repeat, so that a benchmark measures the detector and
 * not the generator; the timestamps keep advancing, so the models see time go by as in production.
 * With one feature the feature is the processor's {@code value}; with several they are {@code f1},
 * {@code f2}, … (one generated series each, at the same timestamps).
 */
public final class SeasonalSeries {
  public static final Duration STEP = Duration.ofMinutes(5);
  public static final Instant START = Instant.parse("2025-01-06T00:00:00Z");

  /** Two weeks of 5-minute steps: the repeat is seamless for daily and weekly seasonality. */
  static final int PERIOD = (int) (Duration.ofDays(14).toSeconds() / STEP.toSeconds());

  private final List<Map<String, Double>> features;

  private SeasonalSeries(List<Map<String, Double>> features) {
    this.features = List.copyOf(features);
  }

  /**
   * @throws IllegalArgumentException if {@code featureCount} is below 1
   */
  public static SeasonalSeries of(int featureCount) {
    if (featureCount < 1) {
      throw new IllegalArgumentException("feature count must be at least 1, was " + featureCount);
    }
    GeneratorConfig config =
        GeneratorConfig.builder()
            .seriesCount(featureCount)
            .anomalyRate(0)
            .simulatedTime(START, STEP)
            .build();
    // Round-robin over the series: one sample of each series per timestamp.
    SeriesSimulator simulator = SeriesSimulator.create(config, Clock.fixed(START, ZoneOffset.UTC));
    List<Map<String, Double>> all = new ArrayList<>(PERIOD);
    for (int i = 0; i < PERIOD; i++) {
      Map<String, Double> event = new HashMap<>();
      for (int f = 1; f <= featureCount; f++) {
        double value = simulator.next().event().value();
        event.put(featureCount == 1 ? Event.VALUE_FEATURE : "f" + f, value);
      }
      all.add(Map.copyOf(event));
    }
    return new SeasonalSeries(all);
  }

  int featureCount() {
    return features.get(0).size();
  }

  /** The features of event {@code index} (0-based). */
  public Map<String, Double> features(long index) {
    return features.get((int) (index % PERIOD));
  }

  /** The timestamp of event {@code index}: {@link #START} + index × {@link #STEP}. */
  public Instant time(long index) {
    return START.plusSeconds(index * STEP.toSeconds());
  }
}
