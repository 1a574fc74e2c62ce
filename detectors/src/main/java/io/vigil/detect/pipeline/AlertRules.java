package io.vigil.detect.pipeline;

import io.vigil.detect.AlertLevel;
import io.vigil.detect.Assessment;
import io.vigil.detect.ExpectedBand;
import java.util.Map;
import java.util.Objects;

/**
 * Operator rules over a key's anomalies: per-feature margins, directions and physical ranges
 * ({@link FeatureRule}), and a minimum severity. They decide what is reported, never what the model
 * learns (except that an out-of-range value is not learnt: it is not a measurement of the series).
 *
 * <p>An anomaly is reported when at least one feature deviates from its expected value beyond its
 * margin in a direction its rule allows (a feature the detector gives no expectation for cannot be
 * judged and counts as deviating), and its severity is at least {@link #minSeverity()}.
 */
public final class AlertRules {
  /** No rules: every anomaly is reported. */
  public static final AlertRules NONE =
      new AlertRules(FeatureRule.NONE, Map.of(), AlertLevel.LOW, OutOfRange.ANOMALY);

  private final FeatureRule all;
  private final Map<String, FeatureRule> features;
  private final AlertLevel minSeverity;
  private final OutOfRange outOfRange;
  // Precomputed so that a key without rules pays one branch per event.
  private final boolean judgesDeviation;
  private final boolean hasRanges;

  private AlertRules(
      FeatureRule all,
      Map<String, FeatureRule> features,
      AlertLevel minSeverity,
      OutOfRange outOfRange) {
    this.all = Objects.requireNonNull(all, "all");
    this.features = Map.copyOf(features);
    this.minSeverity = Objects.requireNonNull(minSeverity, "minSeverity");
    this.outOfRange = Objects.requireNonNull(outOfRange, "outOfRange");
    boolean deviation = judgesDeviation(all);
    boolean ranges = all.hasRange();
    for (FeatureRule rule : this.features.values()) {
      deviation |= judgesDeviation(rule);
      ranges |= rule.hasRange();
    }
    this.judgesDeviation = deviation;
    this.hasRanges = ranges;
  }

  /**
   * @param all the rule of every feature not named in {@code features}
   * @param features rules of named features (complete rules: they replace {@code all})
   * @param minSeverity anomalies below this severity are not reported
   * @param outOfRange what a value outside its feature's range makes
   */
  public static AlertRules of(
      FeatureRule all,
      Map<String, FeatureRule> features,
      AlertLevel minSeverity,
      OutOfRange outOfRange) {
    return new AlertRules(all, features, minSeverity, outOfRange);
  }

  private static boolean judgesDeviation(FeatureRule rule) {
    return rule.absoluteMargin() > 0
        || rule.relativeMargin() > 0
        || rule.direction() != Direction.BOTH;
  }

  public FeatureRule all() {
    return all;
  }

  public Map<String, FeatureRule> features() {
    return features;
  }

  public AlertLevel minSeverity() {
    return minSeverity;
  }

  public OutOfRange outOfRange() {
    return outOfRange;
  }

  /** The rule of {@code feature}. */
  public FeatureRule rule(String feature) {
    FeatureRule rule = features.get(feature);
    return rule == null ? all : rule;
  }

  /**
   * Why {@code values} cannot be measurements of the series (a value outside its feature's range),
   * or null when they can. The text is built only for a value out of range.
   */
  public String outsideRange(Map<String, Double> values) {
    if (!hasRanges) {
      return null;
    }
    for (Map.Entry<String, Double> entry : values.entrySet()) {
      FeatureRule rule = rule(entry.getKey());
      double value = entry.getValue();
      if (!rule.inRange(value)) {
        return "feature '"
            + entry.getKey()
            + "' = "
            + value
            + (value < rule.min() ? " is below its range minimum " + rule.min() : "")
            + (value > rule.max() ? " is above its range maximum " + rule.max() : "");
      }
    }
    return null;
  }

  /** Why the anomaly {@code level} of {@code values} is not reported, or null when it is. */
  SuppressionReason judge(Map<String, Double> values, Assessment assessment, AlertLevel level) {
    if (level.compareTo(minSeverity) < 0) {
      return SuppressionReason.SEVERITY;
    }
    if (!judgesDeviation) {
      return null;
    }
    SuppressionReason reason = SuppressionReason.DIRECTION;
    for (Map.Entry<String, Double> entry : values.entrySet()) {
      ExpectedBand expected = assessment.expected().get(entry.getKey());
      if (expected == null) {
        return null;
      }
      SuppressionReason why = rule(entry.getKey()).judge(entry.getValue(), expected);
      if (why == null) {
        return null;
      }
      if (why == SuppressionReason.MARGIN) {
        // A deviation on an allowed side that was too small: the margin is what held it back.
        reason = why;
      }
    }
    return reason;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AlertRules that
        && all.equals(that.all)
        && features.equals(that.features)
        && minSeverity == that.minSeverity
        && outOfRange == that.outOfRange;
  }

  @Override
  public int hashCode() {
    return Objects.hash(all, features, minSeverity, outOfRange);
  }

  @Override
  public String toString() {
    return "AlertRules[all="
        + all
        + ", features="
        + features
        + ", minSeverity="
        + minSeverity
        + ", outOfRange="
        + outOfRange
        + "]";
  }
}
