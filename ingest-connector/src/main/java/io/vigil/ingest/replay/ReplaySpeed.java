package io.vigil.ingest.replay;

import java.util.Locale;

/**
 * How fast to replay: as fast as the producer accepts ({@code max}), in real time ({@code
 * realtime}, the gaps between event timestamps are kept) or N times real time ({@code 10}, {@code
 * 10x}, {@code 0.5}).
 *
 * @param factor event-time seconds per wall-clock second; 0 = unpaced
 */
public record ReplaySpeed(double factor) {
  public static final ReplaySpeed MAX = new ReplaySpeed(0);

  public ReplaySpeed {
    if (!(factor >= 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("speed must be a finite number >= 0, was " + factor);
    }
  }

  /** Parses {@code max}, {@code realtime} or a factor such as {@code 10} or {@code 10x}. */
  public static ReplaySpeed parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("max") || t.equals("fast")) {
      return MAX;
    }
    if (t.equals("realtime") || t.equals("real-time")) {
      return new ReplaySpeed(1);
    }
    String number = t.endsWith("x") ? t.substring(0, t.length() - 1) : t;
    try {
      double factor = Double.parseDouble(number);
      if (factor <= 0) {
        throw new IllegalArgumentException("speed factor must be positive, was " + text);
      }
      return new ReplaySpeed(factor);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "speed must be max, realtime or a factor such as 10x, was " + text, e);
    }
  }

  boolean unpaced() {
    return factor == 0;
  }

  /** Wall-clock nanoseconds for an event-time span. */
  long wallNanos(long eventMillis) {
    return (long) (eventMillis * 1_000_000L / factor);
  }
}
