package io.vigil.sink.retention;

import java.time.Duration;
import java.util.Objects;

/**
 * How long anomaly rows are kept in PostgreSQL and how the purge job runs.
 *
 * @param maxAge rows whose event time is older than this are deleted; zero keeps rows forever (no
 *     purge job)
 * @param interval time between two purge runs of one sink instance
 * @param batchSize most rows deleted per statement (and per transaction), so a purge never holds
 *     long locks or builds one huge transaction
 */
public record Retention(Duration maxAge, Duration interval, int batchSize) {
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);
  public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
  public static final int DEFAULT_BATCH_SIZE = 10_000;

  public Retention {
    Objects.requireNonNull(maxAge, "maxAge");
    Objects.requireNonNull(interval, "interval");
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("maxAge must not be negative");
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1");
    }
  }

  public static Retention defaults() {
    return new Retention(DEFAULT_MAX_AGE, DEFAULT_INTERVAL, DEFAULT_BATCH_SIZE);
  }

  /** False when rows are kept forever. */
  public boolean enabled() {
    return !maxAge.isZero();
  }
}
