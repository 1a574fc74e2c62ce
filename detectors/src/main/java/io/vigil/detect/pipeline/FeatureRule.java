package io.vigil.detect.pipeline;

import io.vigil.detect.ExpectedBand;
import java.util.Objects;

/**
 * The alert rule of one feature: how far from the expected value, and in which direction, a value
 * must be for an anomaly to be reported, and the physical range its values can have.
 *
 * @param absoluteMargin deviations from the expected value smaller than this do not alert (0: any)
 * @param relativeMargin deviations smaller than this fraction of |expected| do not alert (0: any);
 *     with both margins a deviation must exceed both
 * @param direction the side of the expected value on which a deviation may alert
 * @param min lowest physically possible value (inclusive), {@code -Infinity} for none
 * @param max highest physically possible value (inclusive), {@code +Infinity} for none
 */
public record FeatureRule(
    double absoluteMargin, double relativeMargin, Direction direction, double min, double max) {
  /** No margin, both directions, no range: the rule that changes nothing. */
  public static final FeatureRule NONE =
      new FeatureRule(0, 0, Direction.BOTH, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

  public FeatureRule {
    Objects.requireNonNull(direction, "direction");
    if (!(absoluteMargin >= 0 && Double.isFinite(absoluteMargin))) {
      throw new IllegalArgumentException("absolute margin must be finite and >= 0");
    }
    if (!(relativeMargin >= 0 && Double.isFinite(relativeMargin))) {
      throw new IllegalArgumentException("relative margin must be finite and >= 0");
    }
    if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
      throw new IllegalArgumentException("range needs min <= max, was [" + min + ", " + max + "]");
    }
  }

  boolean hasRange() {
    return min != Double.NEGATIVE_INFINITY || max != Double.POSITIVE_INFINITY;
  }

  boolean inRange(double value) {
    return value >= min && value <= max;
  }

  /** Why a deviation from {@code expected} does not alert under this rule, or null if it may. */
  SuppressionReason judge(double value, ExpectedBand expected) {
    double deviation = value - expected.value();
    if (!direction.allows(deviation)) {
      return SuppressionReason.DIRECTION;
    }
    double size = Math.abs(deviation);
    if (size < absoluteMargin || size < relativeMargin * Math.abs(expected.value())) {
      return SuppressionReason.MARGIN;
    }
    return null;
  }
}
