package io.vigil.schemas.event;

import java.time.Duration;

/**
 * Bounds on what an event may look like; anything outside is rejected with a reason.
 *
 * @param maxBytes largest accepted serialised event
 * @param maxKeyLength longest series key
 * @param maxFeatures most entries in {@code values}
 * @param maxTags most entries in {@code tags}
 * @param maxStringLength longest tag value, feature name or id
 * @param maxFutureSkew how far ahead of the wall clock a timestamp may be
 * @param maxAge how far in the past a timestamp may be
 */
public record EventLimits(
    int maxBytes,
    int maxKeyLength,
    int maxFeatures,
    int maxTags,
    int maxStringLength,
    Duration maxFutureSkew,
    Duration maxAge) {

  public static EventLimits defaults() {
    return new EventLimits(64 * 1024, 256, 64, 32, 256, Duration.ofHours(1), Duration.ofDays(3650));
  }
}
