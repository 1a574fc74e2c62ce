package io.vigil.schemas.validation;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Text formats shared by the Java parsers and the JSON Schema files. The schema files carry the
 * same regular expressions as {@code pattern}s (a test keeps them equal), so both sides accept the
 * same strings.
 */
public final class Formats {
  private Formats() {}

  /**
   * RFC 3339 date-time, the JSON Schema {@code date-time} format: seconds and offset required, at
   * most nanosecond precision (what {@link Instant} holds).
   */
  public static final String TIMESTAMP_REGEX =
      "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})$";

  /**
   * The ISO-8601 durations {@link Duration#parse} reads: days, hours, minutes and (fractional)
   * seconds, at least one of them, no sign.
   */
  public static final String DURATION_REGEX =
      "^P(?=[0-9]|T[0-9])([0-9]+D)?(T(?=[0-9])([0-9]+H)?([0-9]+M)?([0-9]+(\\.[0-9]{1,9})?S)?)?$";

  /** A text with at least one non-whitespace character. */
  public static final String NON_BLANK_REGEX = "\\S";

  /** Detector names: short, label-safe, so they can be metric labels. */
  public static final String NAME_REGEX = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

  /**
   * The detector of an anomaly or score: a detector name, or a setup's name and the member that
   * fired, such as {@code adaptive/range}. At most 64 characters overall (the schemas say so with
   * {@code maxLength}).
   */
  public static final String DETECTOR_REGEX =
      "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}(/[A-Za-z0-9][A-Za-z0-9._-]{0,63})?$";

  private static final Pattern TIMESTAMP = Pattern.compile(TIMESTAMP_REGEX);
  private static final Pattern DURATION = Pattern.compile(DURATION_REGEX);
  private static final Pattern NAME = Pattern.compile(NAME_REGEX);
  private static final Pattern DETECTOR = Pattern.compile(DETECTOR_REGEX);

  /**
   * Parses an RFC 3339 timestamp (leap seconds read as the second before), or throws. The usual
   * forms (any fraction, {@code Z} or an offset, no leap second, no {@code 24:00}) are read by
   * hand: every event's timestamp passes here, and the general formatter costs about ten times as
   * much. Anything else takes the formatter's way, so both accept and refuse exactly the same
   * texts.
   */
  public static Instant instant(String field, String text) {
    Instant fast = Rfc3339.parse(text);
    if (fast != null) {
      return fast;
    }
    if (!TIMESTAMP.matcher(text).matches()) {
      throw new InvalidFieldException(
          field, "not an RFC 3339 date-time like 2024-05-01T12:00:00Z: " + abbreviate(text));
    }
    // RFC 3339 has no hour 24, which ISO_INSTANT reads as the next day's 00:00 (ISO 8601).
    if (text.charAt(11) == '2' && text.charAt(12) == '4') {
      throw new InvalidFieldException(field, "not a valid date-time: " + abbreviate(text));
    }
    try {
      return DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
    } catch (DateTimeException e) {
      throw new InvalidFieldException(field, "not a valid date-time: " + abbreviate(text));
    }
  }

  /** Parses an ISO-8601 duration such as {@code PT5M}, or throws. */
  public static Duration duration(String field, String text) {
    Check.that(
        DURATION.matcher(text).matches(),
        field,
        "not an ISO-8601 duration like PT5M or P1DT2H: " + abbreviate(text));
    try {
      return Duration.parse(text);
    } catch (DateTimeException | ArithmeticException e) {
      throw new InvalidFieldException(field, "duration out of range: " + abbreviate(text));
    }
  }

  /** No character but the whitespace {@link #NON_BLANK_REGEX}'s {@code \\S} excludes. */
  public static boolean isBlank(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (" \t\n\u000B\f\r".indexOf(text.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  public static boolean isName(String text) {
    return NAME.matcher(text).matches();
  }

  public static boolean isDetector(String text) {
    return DETECTOR.matcher(text).matches();
  }

  /** Length in Unicode code points, as JSON Schema's {@code minLength}/{@code maxLength} count. */
  public static int length(String text) {
    return text.codePointCount(0, text.length());
  }

  /** Keeps error messages short whatever the input. */
  public static String abbreviate(String text) {
    return length(text) <= 64 ? text : text.substring(0, text.offsetByCodePoints(0, 64)) + "…";
  }
}
