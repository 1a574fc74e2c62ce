package io.vigil.sink.consume;

import java.time.Duration;
import java.util.Objects;

/**
 * How every target's consumer polls and retries.
 *
 * @param batchSize most records per poll ({@code max.poll.records}), so most anomalies per write
 * @param pollTimeout how long one poll waits for records
 * @param backoff wait between retries of a batch whose write failed
 */
public record ConsumerSettings(int batchSize, Duration pollTimeout, Backoff backoff) {
  public ConsumerSettings {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
    }
    Objects.requireNonNull(pollTimeout, "pollTimeout");
    Objects.requireNonNull(backoff, "backoff");
  }
}
