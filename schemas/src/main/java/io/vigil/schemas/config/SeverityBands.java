package io.vigil.schemas.config;

import io.vigil.schemas.anomaly.Severity;
import io.vigil.schemas.validation.Check;
import io.vigil.schemas.validation.Fields;

/**
 * Score lower bounds of the severities: a score at or above {@code critical} is critical, at or
 * above {@code high} high, at or above {@code medium} medium, anything lower (an anomaly has
 * already crossed its threshold) low. Bounds lie in [0,1] and strictly increase.
 */
public record SeverityBands(double low, double medium, double high, double critical) {
  private static final String AT = "/severity/";

  public SeverityBands {
    Check.unitInterval(AT + "low", low);
    Check.unitInterval(AT + "medium", medium);
    Check.unitInterval(AT + "high", high);
    Check.unitInterval(AT + "critical", critical);
    increasing("medium", medium, "low", low);
    increasing("high", high, "medium", medium);
    increasing("critical", critical, "high", high);
  }

  private static void increasing(String name, double value, String belowName, double below) {
    Check.that(
        value > below,
        AT + name,
        "must be greater than " + belowName + " (" + below + "), was " + value);
  }

  /** Bounds used when a config gives none. */
  public static SeverityBands defaults() {
    return new SeverityBands(0.5, 0.8, 0.95, 0.99);
  }

  static SeverityBands read(Fields fields) {
    if (fields == null) {
      return defaults();
    }
    return new SeverityBands(
        fields.unitInterval("low"),
        fields.unitInterval("medium"),
        fields.unitInterval("high"),
        fields.unitInterval("critical"));
  }

  public Severity severityOf(double score) {
    if (score >= critical) {
      return Severity.CRITICAL;
    }
    if (score >= high) {
      return Severity.HIGH;
    }
    return score >= medium ? Severity.MEDIUM : Severity.LOW;
  }
}
