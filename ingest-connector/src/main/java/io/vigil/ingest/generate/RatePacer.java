package io.vigil.ingest.generate;

/**
 * How many events are due at a given moment to hold a steady rate: the count that should have been
 * sent since the start minus what was sent. After a stall (a blocked producer, a GC pause) it
 * allows at most one second's worth of catch-up and forgets the rest, so a stall never turns into a
 * long burst above the configured rate.
 */
final class RatePacer {
  private static final double NANOS_PER_SECOND = 1e9;

  private final double perSecond;
  private final long maxBurst;
  private long startNanos;

  RatePacer(double perSecond, long startNanos) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("rate must be > 0, was " + perSecond);
    }
    this.perSecond = perSecond;
    this.maxBurst = Math.max(1, (long) Math.ceil(perSecond));
    this.startNanos = startNanos;
  }

  /** Events due at {@code nowNanos} when {@code sent} were sent so far. */
  long due(long nowNanos, long sent) {
    long target = (long) ((nowNanos - startNanos) * perSecond / NANOS_PER_SECOND);
    long due = target - sent;
    if (due > maxBurst) {
      // Move the start forward as if the schedule began (sent + maxBurst) events before now.
      startNanos = nowNanos - (long) ((sent + maxBurst) * NANOS_PER_SECOND / perSecond);
      return maxBurst;
    }
    return Math.max(0, due);
  }
}
