package io.vigil.processor.silence;

import java.nio.ByteBuffer;

/**
 * What the silence watch keeps per key: when its last event happened (event time) and was processed
 * (wall clock), its usual interval, how many events it had, and the deadline (wall clock) after
 * which it counts as silent, or {@link #NONE}.
 */
record SilenceState(
    long lastEventTime, long lastArrival, double meanGap, long events, long deadline) {
  static final long NONE = -1;
  private static final int BYTES = 8 * 5;

  /** Gaps averaged over about this many events: recent enough, steady enough. */
  private static final int WINDOW = 50;

  /** This state after an event at {@code eventTime} processed at {@code now}. */
  SilenceState next(long eventTime, long now) {
    long gap = eventTime - lastEventTime;
    double mean = meanGap;
    if (gap > 0) {
      mean = meanGap == 0 ? gap : meanGap + (gap - meanGap) / Math.min(events, WINDOW);
    }
    return new SilenceState(
        Math.max(eventTime, lastEventTime),
        now,
        mean,
        events == Long.MAX_VALUE ? events : events + 1,
        NONE);
  }

  SilenceState withDeadline(long at) {
    return new SilenceState(lastEventTime, lastArrival, meanGap, events, at);
  }

  static SilenceState first(long eventTime, long now) {
    return new SilenceState(eventTime, now, 0, 1, NONE);
  }

  byte[] encode() {
    return ByteBuffer.allocate(BYTES)
        .putLong(lastEventTime)
        .putLong(lastArrival)
        .putDouble(meanGap)
        .putLong(events)
        .putLong(deadline)
        .array();
  }

  static SilenceState decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    return new SilenceState(in.getLong(), in.getLong(), in.getDouble(), in.getLong(), in.getLong());
  }
}
