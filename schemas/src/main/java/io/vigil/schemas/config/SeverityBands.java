package io.vigil.schemas.config;

import io.vigil.schemas.validation.Check;
import io.vigil.schemas.validation.Fields;

/**
 * A detector config's own severity bands, overriding the processor's ({@code
 * vigil.processor.severity.*}) for the keys of its pattern. They have no defaults of their own: a
 * config without them scores with the processor's bands, so there is one severity model. The same
 * bounds as the processor's: lower score bounds of medium, high and critical, each in (0,1], {@code
 * medium <= high <= critical}; an anomaly below {@code medium} is low. They are not tied to the
 * threshold: a band at or below it only means no anomaly of the pattern is below that severity.
 *
 * <p>Configs written for the earlier four-band form may also carry {@code low}; it is ignored (an
 * anomaly is at least at the threshold, and that is where low starts).
 */
public record SeverityBands(double medium, double high, double critical) {
  private static final String AT = "/severity/";

  public SeverityBands {
    score("medium", medium);
    score("high", high);
    score("critical", critical);
    atLeast("high", high, "medium", medium);
    atLeast("critical", critical, "high", high);
  }

  private static void score(String name, double value) {
    Check.that(value > 0.0 && value <= 1.0, AT + name, "must be in (0,1], was " + value);
  }

  private static void atLeast(String name, double value, String belowName, double below) {
    Check.that(
        value >= below,
        AT + name,
        "must be at least " + belowName + " (" + below + "), was " + value);
  }

  /** The bands of a {@code severity} object, or null when the config has none. */
  static SeverityBands read(Fields fields) {
    if (fields == null) {
      return null;
    }
    return new SeverityBands(
        fields.number("medium"), fields.number("high"), fields.number("critical"));
  }
}
