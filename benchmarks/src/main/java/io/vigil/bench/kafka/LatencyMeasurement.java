package io.vigil.bench.kafka;

import io.vigil.processor.config.ProcessingGuarantee;
import java.util.Arrays;
import java.util.Objects;

/**
 * End-to-end latencies of a Vigil profile at a fixed input rate: from the moment the producer sent
 * an event (its record timestamp) to the moment its score was visible to a {@code read_committed}
 * consumer.
 *
 * @param load the fraction of the profile's measured maximum (its median events/s) sent
 * @param targetRate events/s sent for
 * @param achievedRate events/s actually sent
 * @param samples latencies measured (the warm-up's first fifth of the events left out)
 */
public record LatencyMeasurement(
    Profile profile,
    ProcessingGuarantee guarantee,
    int keys,
    double load,
    double targetRate,
    double achievedRate,
    int samples,
    double p50Millis,
    double p99Millis,
    double p999Millis,
    double maxMillis) {

  public LatencyMeasurement {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(guarantee, "guarantee");
  }

  /**
   * @param latenciesMillis the measured latencies, in any order (sorted here, in place)
   * @throws IllegalArgumentException if there are none
   */
  public static LatencyMeasurement of(
      Profile profile,
      ProcessingGuarantee guarantee,
      int keys,
      double load,
      double targetRate,
      double achievedRate,
      long[] latenciesMillis) {
    if (latenciesMillis.length == 0) {
      throw new IllegalArgumentException("no latency was measured");
    }
    Arrays.sort(latenciesMillis);
    return new LatencyMeasurement(
        profile,
        guarantee,
        keys,
        load,
        targetRate,
        achievedRate,
        latenciesMillis.length,
        percentile(latenciesMillis, 0.50),
        percentile(latenciesMillis, 0.99),
        percentile(latenciesMillis, 0.999),
        latenciesMillis[latenciesMillis.length - 1]);
  }

  /** The nearest-rank percentile of sorted values. */
  static double percentile(long[] sorted, double quantile) {
    int rank = (int) Math.ceil(quantile * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }
}
