package io.vigil.processor.detector;

import io.vigil.detect.AlertLevel;
import io.vigil.detect.pipeline.AlertRules;
import io.vigil.detect.pipeline.Direction;
import io.vigil.detect.pipeline.FeatureRule;
import io.vigil.detect.pipeline.OutOfRange;
import io.vigil.schemas.config.AlertRules.Margin;
import io.vigil.schemas.config.AlertRules.ValueRange;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code rules} of a detector config as the scorer runs them: each feature's fields resolved
 * against the top-level ones once, when the config is applied, so scoring looks up one rule.
 */
final class RuleMapping {
  private RuleMapping() {}

  static AlertRules of(io.vigil.schemas.config.AlertRules wire) {
    FeatureRule all = rule(wire.margin(), wire.direction(), wire.range(), FeatureRule.NONE);
    Map<String, FeatureRule> features = new LinkedHashMap<>();
    wire.features()
        .forEach(
            (name, own) ->
                features.put(name, rule(own.margin(), own.direction(), own.range(), all)));
    return AlertRules.of(
        all,
        features,
        wire.minSeverity() == null ? AlertLevel.LOW : AlertLevel.valueOf(wire.minSeverity().name()),
        wire.outOfRange() == io.vigil.schemas.config.AlertRules.OutOfRange.DEAD_LETTER
            ? OutOfRange.DEAD_LETTER
            : OutOfRange.ANOMALY);
  }

  /** A rule of the given fields, each absent one taken from {@code inherited}. */
  private static FeatureRule rule(
      Margin margin,
      io.vigil.schemas.config.AlertRules.Direction direction,
      ValueRange range,
      FeatureRule inherited) {
    return new FeatureRule(
        margin == null ? inherited.absoluteMargin() : orZero(margin.absolute()),
        margin == null ? inherited.relativeMargin() : orZero(margin.relative()),
        direction == null ? inherited.direction() : Direction.valueOf(direction.name()),
        range == null
            ? inherited.min()
            : range.min() == null ? Double.NEGATIVE_INFINITY : range.min(),
        range == null
            ? inherited.max()
            : range.max() == null ? Double.POSITIVE_INFINITY : range.max());
  }

  private static double orZero(Double value) {
    return value == null ? 0 : value;
  }
}
