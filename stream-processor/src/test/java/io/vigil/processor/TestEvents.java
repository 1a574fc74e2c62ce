package io.vigil.processor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
}
