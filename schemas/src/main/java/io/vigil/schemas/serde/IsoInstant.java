package io.vigil.schemas.serde;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()} (ISO-8601 in UTC, the fraction in groups of three digits, none when
 * whole) written straight into a char array: it formats every score's two timestamps, and the
 * general formatter takes most of the time of writing a score.
 */
public final class IsoInstant {
  private static final long SECONDS_PER_DAY = 86_400;

  private IsoInstant() {}

  public static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    long epochDay = Math.floorDiv(seconds, SECONDS_PER_DAY);
    LocalDate date = LocalDate.ofEpochDay(epochDay);
    if (date.getYear() < 0 || date.getYear() > 9999) {
      return instant.toString();
    }
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    int nanos = instant.getNano();
    int digits = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
    char[] text = new char[20 + (digits == 0 ? 0 : digits + 1)];
    put(text, 0, date.getYear(), 4);
    text[4] = '-';
    put(text, 5, date.getMonthValue(), 2);
    text[7] = '-';
    put(text, 8, date.getDayOfMonth(), 2);
    text[10] = 'T';
    put(text, 11, secondOfDay / 3_600, 2);
    text[13] = ':';
    put(text, 14, secondOfDay / 60 % 60, 2);
    text[16] = ':';
    put(text, 17, secondOfDay % 60, 2);
    int at = 19;
    if (digits > 0) {
      text[at++] = '.';
      int fraction = digits == 3 ? nanos / 1_000_000 : digits == 6 ? nanos / 1_000 : nanos;
      put(text, at, fraction, digits);
      at += digits;
    }
    text[at] = 'Z';
    return new String(text);
  }

  /** {@code value} as {@code width} decimal digits, zero-padded, at {@code at}. */
  private static void put(char[] text, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
