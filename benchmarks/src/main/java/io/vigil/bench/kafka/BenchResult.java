package io.vigil.bench.kafka;

import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What one run measured.
 *
 * @param started when the run started
 * @param cluster {@code embedded} or the bootstrap servers used
 * @param partitions partitions of the run's topics
 * @param warmups untimed repetitions per row
 * @param repetitions timed repetitions per row
 * @param averageEventBytes mean size of an event's JSON
 * @param measurements the rows, in run order
 * @param latencies the latency rows, in run order (none unless asked for)
 * @param states the state rows, in run order (none unless asked for)
 */
public record BenchResult(
    Instant started,
    String cluster,
    int partitions,
    int warmups,
    int repetitions,
    double averageEventBytes,
    List<Measurement> measurements,
    List<LatencyMeasurement> latencies,
    List<StateMeasurement> states) {

  public BenchResult {
    measurements = List.copyOf(measurements);
    latencies = List.copyOf(latencies);
    states = List.copyOf(states);
  }

  /**
   * A Vigil row's median over the store-only row's of the same guarantee and key count; empty for
   * other rows or when the run measured no such anchor.
   */
  public OptionalDouble ratioToStoreOnly(Measurement row) {
    if (!row.profile().vigil()) {
      return OptionalDouble.empty();
    }
    return measurements.stream()
        .filter(
            m ->
                m.profile() == Profile.STORE_ONLY
                    && m.variant().isDefaults()
                    && m.sameConditions(row))
        .mapToDouble(m -> row.median() / m.median())
        .findFirst();
  }
}
