package io.vigil.processor.silence;

import io.vigil.schemas.anomaly.SourcePosition;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What the silence watch keeps per key: when its last event happened (event time) and where it was
 * read from, its usual interval, how many events it had, and the event-time deadline after which it
 * counts as silent, or {@link #NONE}.
 *
 * @param lastSource where the key's latest event was read; null only for state written before it
 *     was kept
 */
record SilenceState(
    long lastEventTime, double meanGap, long events, long deadline, SourcePosition lastSource) {
  static final long NONE = -1;

  /** The first format: five 8-byte fields, the second a wall-clock arrival time. */
  private static final int V1_BYTES = 8 * 5;

  private static final byte V2 = 2;

  /** Gaps averaged over about this many events: recent enough, steady enough. */
  private static final int WINDOW = 50;

  /** This state after an event at {@code eventTime}, read at {@code source}. */
  SilenceState next(long eventTime, SourcePosition source) {
    long gap = eventTime - lastEventTime;
    double mean = meanGap;
    if (gap > 0) {
      mean = meanGap == 0 ? gap : meanGap + (gap - meanGap) / Math.min(events, WINDOW);
    }
    // A late event changes neither the last event time nor the position of the latest event.
    boolean latest = eventTime >= lastEventTime;
    return new SilenceState(
        latest ? eventTime : lastEventTime,
        mean,
        events == Long.MAX_VALUE ? events : events + 1,
        NONE,
        latest ? source : lastSource);
  }

  SilenceState withDeadline(long at) {
    return new SilenceState(lastEventTime, meanGap, events, at, lastSource);
  }

  static SilenceState first(long eventTime, SourcePosition source) {
    return new SilenceState(eventTime, 0, 1, NONE, source);
  }

  byte[] encode() {
    byte[] topic =
        lastSource == null ? new byte[0] : lastSource.topic().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(1 + 8 * 4 + 4 + 8 + topic.length)
        .put(V2)
        .putLong(lastEventTime)
        .putDouble(meanGap)
        .putLong(events)
        .putLong(deadline)
        .putInt(lastSource == null ? -1 : lastSource.partition())
        .putLong(lastSource == null ? -1 : lastSource.offset())
        .put(topic)
        .array();
  }

  /**
   * Reads either format. A first-format state had a wall-clock deadline, meaningless on event time:
   * it comes back without one, and the key's next event arms it again.
   */
  static SilenceState decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (bytes.length == V1_BYTES) {
      long last = in.getLong();
      in.getLong();
      return new SilenceState(last, in.getDouble(), in.getLong(), NONE, null);
    }
    in.get();
    long last = in.getLong();
    double mean = in.getDouble();
    long events = in.getLong();
    long deadline = in.getLong();
    int partition = in.getInt();
    long offset = in.getLong();
    String topic = new String(bytes, in.position(), in.remaining(), StandardCharsets.UTF_8);
    return new SilenceState(
        last,
        mean,
        events,
        deadline,
        partition < 0 ? null : new SourcePosition(topic, partition, offset));
  }
}
