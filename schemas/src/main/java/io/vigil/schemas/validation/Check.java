package io.vigil.schemas.validation;

/**
 * Value rules shared by record constructors and parsers, so a rule is written once and every
 * violation names its field (a JSON pointer such as {@code /score}).
 */
public final class Check {
  private Check() {}

  public static void that(boolean ok, String field, String problem) {
    if (!ok) {
      throw new InvalidFieldException(field, problem);
    }
  }

  // The checks below run for every event and score: their messages are built only on failure.

  public static double finite(String field, double value) {
    that(Double.isFinite(value), field, "must be a finite number");
    return value;
  }

  /** A calibrated score: within [0,1]. */
  public static double unitInterval(String field, double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new InvalidFieldException(field, "must be in [0,1], was " + value);
    }
    return value;
  }

  public static long atLeast(String field, long value, long min) {
    if (value < min) {
      throw new InvalidFieldException(field, "must be at least " + min + ", was " + value);
    }
    return value;
  }
}
