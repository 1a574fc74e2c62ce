package io.vigil.processor.backtest;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One end of a backtest's range on the events topic: an offset (the same on every partition), a
 * record timestamp (the broker's time index: the first record at or after it), or the start or end
 * of the log.
 */
public sealed interface Bound {
  record Offset(long offset) implements Bound {
    public Offset {
      if (offset < 0) {
        throw new IllegalArgumentException("an offset must not be negative, was " + offset);
      }
    }
  }

  record Time(Instant time) implements Bound {}

  record Earliest() implements Bound {}

  record Latest() implements Bound {}

  /**
   * {@code earliest}, {@code latest}, a non-negative offset such as {@code 1200}, or an ISO-8601
   * instant such as {@code 2026-12-06T10:00:00Z}.
   *
   * @throws IllegalArgumentException naming what was expected
   */
  static Bound parse(String text) {
    String t = text.trim();
    if (t.equalsIgnoreCase("earliest")) {
      return new Earliest();
    }
    if (t.equalsIgnoreCase("latest")) {
      return new Latest();
    }
    if (t.matches("\\d{1,19}")) {
      return new Offset(Long.parseLong(t));
    }
    try {
      return new Time(Instant.parse(t));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a time (ISO-8601, e.g. 2026-12-06T10:00:00Z), an offset, earliest or"
              + " latest");
    }
  }
}
