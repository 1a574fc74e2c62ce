package io.vigil.schemas.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.vigil.schemas.anomaly.Severity;
import io.vigil.schemas.event.EventLimits;
import io.vigil.schemas.validation.Check;
import io.vigil.schemas.validation.Fields;
import java.util.Locale;
import java.util.Map;

/**
 * A detector config's {@code rules}: which anomalies of its keys are reported. The top-level
 * margin, direction and range apply to every feature; an entry of {@code features} overrides them
 * for one feature, field by field (an absent field inherits the top-level one).
 *
 * @param margin deviations from the expected value smaller than this are not reported, or null
 * @param direction which side of the expected value may alert, or null (both)
 * @param range the physical range of the values, or null (any)
 * @param outOfRange what a value outside its range makes; null means {@code anomaly}
 * @param minSeverity anomalies below this severity are not reported, or null (all)
 * @param features per-feature overrides by feature name ({@code value} for a univariate event)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record AlertRules(
    Margin margin,
    Direction direction,
    ValueRange range,
    OutOfRange outOfRange,
    Severity minSeverity,
    Map<String, FeatureRules> features) {
  private static final EventLimits LIMITS = EventLimits.defaults();

  public AlertRules {
    features = features == null ? Map.of() : Map.copyOf(features);
  }

  /** Which side of the expected value a deviation may be on to alert. */
  public enum Direction {
    UP,
    DOWN,
    BOTH;

    @JsonValue
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What a value outside its physical range makes. */
  public enum OutOfRange {
    /** Always an anomaly (critical), even during warm-up; not learnt by the model. */
    ANOMALY,
    /** Sent to the dead-letter topic with the reason; not scored. */
    DEAD_LETTER;

    @JsonValue
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A feature's own margin, direction and range; null fields inherit the top-level ones. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FeatureRules(Margin margin, Direction direction, ValueRange range) {}

  /**
   * @param absolute smallest reported deviation in the feature's unit, or null
   * @param relative smallest reported deviation as a fraction of |expected value|, or null; with
   *     both, a deviation must exceed both
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Margin(Double absolute, Double relative) {}

  /** Inclusive physical bounds; either may be null (unbounded on that side). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ValueRange(Double min, Double max) {}

  /** Rules of a {@code rules} object, or null when the config has none. */
  static AlertRules read(Fields fields) {
    if (fields == null) {
      return null;
    }
    FeatureRules all = feature(fields);
    return new AlertRules(
        all.margin(),
        all.direction(),
        all.range(),
        fields.has("outOfRange") ? fields.enumValue("outOfRange", OutOfRange.class) : null,
        fields.has("minSeverity") ? fields.enumValue("minSeverity", Severity.class) : null,
        fields.objects(
            "features", LIMITS.maxFeatures(), LIMITS.maxStringLength(), AlertRules::feature));
  }

  private static FeatureRules feature(Fields fields) {
    return new FeatureRules(
        margin(fields.optionalObject("margin")),
        fields.has("direction") ? fields.enumValue("direction", Direction.class) : null,
        range(fields.optionalObject("range")));
  }

  private static Margin margin(Fields fields) {
    if (fields == null) {
      return null;
    }
    Double absolute = nonNegative(fields, "absolute");
    Double relative = nonNegative(fields, "relative");
    Check.that(
        absolute != null || relative != null, fields.pointer(), "needs absolute or relative");
    return new Margin(absolute, relative);
  }

  private static Double nonNegative(Fields fields, String name) {
    if (!fields.has(name)) {
      return null;
    }
    double value = fields.number(name);
    Check.that(value >= 0, fields.pointer(name), "must not be negative, was " + value);
    return value;
  }

  private static ValueRange range(Fields fields) {
    if (fields == null) {
      return null;
    }
    Double min = fields.has("min") ? fields.number("min") : null;
    Double max = fields.has("max") ? fields.number("max") : null;
    Check.that(min != null || max != null, fields.pointer(), "needs min or max");
    Check.that(
        min == null || max == null || min <= max,
        fields.pointer("max"),
        "must be at least min (" + min + "), was " + max);
    return new ValueRange(min, max);
  }

  /** True when the rules hold back nothing and reject nothing. */
  public boolean isEmpty() {
    return margin == null
        && direction == null
        && range == null
        && minSeverity == null
        && features.isEmpty();
  }
}
