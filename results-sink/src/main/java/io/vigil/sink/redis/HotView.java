package io.vigil.sink.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Sizes and lifetimes of the Redis hot view.
 *
 * @param recentPerKey most anomalies kept in each series' recent list
 * @param recentAll most anomalies kept in the recent list over all series
 * @param counterTtl how long a per-severity, per-minute counter lives after its last increment
 * @param dedupTtl how long an anomaly id is remembered, so a redelivery within it changes nothing
 */
public record HotView(int recentPerKey, int recentAll, Duration counterTtl, Duration dedupTtl) {
  public HotView {
    Objects.requireNonNull(counterTtl, "counterTtl");
    Objects.requireNonNull(dedupTtl, "dedupTtl");
    if (recentPerKey < 1 || recentAll < 1) {
      throw new IllegalArgumentException("recent list sizes must be at least 1");
    }
    if (counterTtl.toSeconds() < 1 || dedupTtl.toSeconds() < 1) {
      throw new IllegalArgumentException("counter and dedup TTLs must be at least 1s");
    }
  }

  public static HotView defaults() {
    return new HotView(100, 1_000, Duration.ofDays(2), Duration.ofDays(7));
  }
}
