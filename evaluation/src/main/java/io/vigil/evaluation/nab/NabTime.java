package io.vigil.evaluation.nab;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/** NAB timestamps: {@code 2014-04-10 07:15:00}, optionally with a fraction of a second. */
final class NabTime {
  private static final DateTimeFormatter FORMAT =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .toFormatter();
  private static final DateTimeFormatter OUTPUT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private NabTime() {}

  static LocalDateTime parse(String text) {
    try {
      return LocalDateTime.parse(text.trim(), FORMAT);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a NAB timestamp: " + text, e);
    }
  }

  static String format(LocalDateTime time) {
    return OUTPUT.format(time);
  }
}
