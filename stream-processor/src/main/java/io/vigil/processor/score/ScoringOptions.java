package io.vigil.processor.score;

import java.time.Duration;
import java.util.Objects;

/**
 * Scorer settings that are not per key.
 *
 * @param scoresEnabled also emit every event's score
 * @param ttl models of keys without an event for this long (event time) are deleted
 * @param ttlScanInterval stream time between two chunks of the idle-key scan
 */
public record ScoringOptions(boolean scoresEnabled, Duration ttl, Duration ttlScanInterval) {
  public ScoringOptions {
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(ttlScanInterval, "ttlScanInterval");
  }

  /** Scan a chunk every tenth of the TTL, at least every second and at most every hour. */
  public static ScoringOptions of(boolean scoresEnabled, Duration ttl) {
    Duration interval = ttl.dividedBy(10);
    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
      interval = Duration.ofSeconds(1);
    } else if (interval.compareTo(Duration.ofHours(1)) > 0) {
      interval = Duration.ofHours(1);
    }
    return new ScoringOptions(scoresEnabled, ttl, interval);
  }
}
