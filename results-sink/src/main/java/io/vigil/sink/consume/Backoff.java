package io.vigil.sink.consume;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential back-off between retries of a failed batch: {@code initial}, doubled after each
 * further failure, never more than {@code max}.
 */
public record Backoff(Duration initial, Duration max) {
  public Backoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial back-off must be positive, was " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("max back-off " + max + " is below initial " + initial);
    }
  }

  /** The wait after the given number of consecutive failures (1 for the first). */
  public Duration delay(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be at least 1, was " + failures);
    }
    // Doubling 62 times overflows a long of nanos long before; stop at the cap instead.
    Duration delay = initial;
    for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(max) > 0 ? max : delay;
  }
}
