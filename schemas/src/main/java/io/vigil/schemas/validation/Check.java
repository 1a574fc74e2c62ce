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

  /** A text of at most {@code maxLength} characters (code points). */
  public static String maxLength(String field, String text, int maxLength) {
    int length = Formats.length(text);
    if (length > maxLength) {
      throw new InvalidFieldException(field, "is " + length + " characters, limit is " + maxLength);
    }
    return wholeCharacters(field, text);
  }

  /** A text with a non-whitespace character. */
  public static String notBlank(String field, String text) {
    that(!Formats.isBlank(text), field, "must not be blank");
    return text;
  }

  /** The name of an entry in an object of named values, such as a feature or a tag. */
  public static String entryName(String field, String name, int maxLength) {
    int length = Formats.length(name);
    if (length < 1 || length > maxLength) {
      throw new InvalidFieldException(field, "name must have 1 to " + maxLength + " characters");
    }
    return wholeCharacters(field, name);
  }

  /**
   * A JSON escape (backslash, uD800) can spell half a surrogate pair, which is no character: UTF-8
   * cannot encode it, so Kafka's string serialiser writes {@code ?} instead; two keys would share a
   * model, and an anomaly's record key would differ from the key in its body.
   */
  private static String wholeCharacters(String field, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          throw new InvalidFieldException(
              field,
              "holds a lone surrogate (\\u"
                  + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)
                  + ") at character "
                  + i
                  + ": not Unicode text");
        }
      }
    }
    return text;
  }
}
