package io.vigil.processor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Event JSON for tests: a warm-up series of Gaussian noise and one spike. */
public final class TestEvents {
  public static final double MEAN = 50.0;
  public static final double SIGMA = 2.0;
  public static final double SPIKE = MEAN + 20 * SIGMA;

  private TestEvents() {}

  public static byte[] json(String key, Instant timestamp, double value, String id) {
    return ("{\"key\":\""
            + key
            + "\",\"timestamp\":\""
            + timestamp
            + "\",\"value\":"
            + value
            + ",\"id\":\""
            + id
            + "\",\"tags\":{\"host\":\"h1\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** {@code warmup} noisy events, then the spike (id {@code spike}) and {@code after} more. */
  public static List<byte[]> seriesWithSpike(String key, Instant start, int warmup, int after) {
    Random random = new Random(7);
    List<byte[]> events = new ArrayList<>();
    for (int i = 0; i < warmup + 1 + after; i++) {
      Instant time = start.plusSeconds(i);
      if (i == warmup) {
        events.add(json(key, time, SPIKE, "spike"));
      } else {
        events.add(json(key, time, MEAN + SIGMA * random.nextGaussian(), "e-" + i));
      }
    }
    return events;
  }

  /** The time of the spike in {@link #seriesWithSpike}. */
  public static Instant spikeTime(Instant start, int warmup) {
    return start.plusSeconds(warmup);
  }

  /**
   * A daily-seasonal series (one value a minute, noise from a fixed seed) of {@code length} values
   * with one spike at index {@code spikeAt}: enough history for the calibrated setups to alert.
   */
  public static List<double[]> seasonalWithSpike(int length, int spikeAt) {
    return seasonal(length, 1440, Map.of(spikeAt, 40.0));
  }

  /**
   * A seasonal series of {@code length} values, {@code period} values a cycle (noise from a fixed
   * seed), with spikes of the given size in {@link #SIGMA}s at the given indexes.
   */
  public static List<double[]> seasonal(int length, int period, Map<Integer, Double> spikes) {
    Random random = new Random(42);
    List<double[]> values = new ArrayList<>(length);
    for (int i = 0; i < length; i++) {
      double value =
          MEAN + 10 * Math.sin(2 * Math.PI * i / (double) period) + SIGMA * random.nextGaussian();
      values.add(new double[] {value + spikes.getOrDefault(i, 0.0) * SIGMA});
    }
    return values;
  }
}
