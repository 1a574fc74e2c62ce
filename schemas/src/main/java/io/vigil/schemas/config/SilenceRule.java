package io.vigil.schemas.config;

import io.vigil.schemas.validation.Check;
import io.vigil.schemas.validation.Fields;

/**
 * A detector config's {@code silence}: a key that has reported regularly and then stops for longer
 * than {@code after} times its usual interval raises a {@code silence} anomaly, once; again only
 * after it resumes and stops again.
 *
 * @param after the multiple of the key's usual interval between events (its mean gap in event time)
 *     after which it counts as silent, in (1, 1000000]
 * @param minEvents events a key must have had before its silence counts (so a series that only
 *     started, or reports once in a while, does not alert), at least 2
 */
public record SilenceRule(double after, int minEvents) {
  public static final int DEFAULT_MIN_EVENTS = 10;

  public SilenceRule {
    Check.that(
        after > 1 && after <= 1_000_000, "/silence/after", "must be in (1, 1000000], was " + after);
    Check.atLeast("/silence/minEvents", minEvents, 2);
  }

  /** The rule of a {@code silence} object, or null when the config has none. */
  static SilenceRule read(Fields fields) {
    if (fields == null) {
      return null;
    }
    return new SilenceRule(
        fields.number("after"),
        fields.has("minEvents")
            ? fields.integer("minEvents", 2, Integer.MAX_VALUE)
            : DEFAULT_MIN_EVENTS);
  }
}
