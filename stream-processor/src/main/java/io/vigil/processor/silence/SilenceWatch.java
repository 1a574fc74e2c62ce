package io.vigil.processor.silence;

import io.vigil.processor.detector.DetectorSettings;
import io.vigil.processor.metrics.ProcessorMetrics;
import io.vigil.processor.score.Scoring;
import io.vigil.processor.score.ScoringInput;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.AnomalyId;
import io.vigil.schemas.anomaly.Severity;
import io.vigil.schemas.config.SilenceRule;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Silent series: for the keys whose detector config has a {@code silence} rule, remembers each
 * key's usual interval (mean gap between events, event time) and a wall-clock deadline (last event
 * processed + {@code after} × that interval), and raises one {@code silence} anomaly when a
 * deadline passes; the next event of the key re-arms it. Deadlines are indexed by time in a second
 * store, so a punctuation reads only those due (a bounded chunk), never every key. Both stores are
 * changelogged and the anomaly is forwarded in the task's transaction: exactly-once like any other.
 * Keys without a rule cost one volatile read per event.
 */
public final class SilenceWatch implements Processor<String, ScoringInput, String, Scoring> {
  /** Per-key state, keyed by series key. */
  public static final String STATES = "silences";

  /** Deadlines: 8 bytes of wall-clock millis, big-endian, then the series key; empty values. */
  public static final String DEADLINES = "silence-deadlines";

  /** Detector name of silence anomalies. */
  public static final String DETECTOR = "silence";

  /** Due deadlines handled per punctuation. */
  static final int CHUNK = 1_000;

  private final DetectorSettings settings;
  private final ProcessorMetrics metrics;
  private final Duration scanInterval;
  private ProcessorContext<String, Scoring> context;
  private KeyValueStore<String, byte[]> states;
  private KeyValueStore<Bytes, byte[]> deadlines;
  private int partition;

  public SilenceWatch(DetectorSettings settings, ProcessorMetrics metrics, Duration scanInterval) {
    this.settings = settings;
    this.metrics = metrics;
    this.scanInterval = scanInterval;
  }

  @Override
  public void init(ProcessorContext<String, Scoring> context) {
    this.context = context;
    states = context.getStateStore(STATES);
    deadlines = context.getStateStore(DEADLINES);
    partition = context.taskId().partition();
    context.schedule(scanInterval, PunctuationType.WALL_CLOCK_TIME, this::raiseDue);
  }

  @Override
  public void process(Record<String, ScoringInput> record) {
    if (!settings.anySilence()) {
      return;
    }
    String key = record.key();
    SilenceRule rule = settings.resolve(key).silence();
    if (rule == null) {
      return;
    }
    long eventTime = record.value().event().timestamp().toEpochMilli();
    long now = context.currentSystemTimeMs();
    byte[] stored = states.get(key);
    SilenceState previous = stored == null ? null : SilenceState.decode(stored);
    SilenceState next =
        previous == null ? SilenceState.first(eventTime, now) : previous.next(eventTime, now);
    if (next.events() >= rule.minEvents() && next.meanGap() > 0) {
      next = next.withDeadline(now + (long) Math.ceil(rule.after() * next.meanGap()));
    }
    if (previous != null && previous.deadline() != SilenceState.NONE) {
      deadlines.delete(Bytes.wrap(index(previous.deadline(), key)));
    }
    if (next.deadline() != SilenceState.NONE) {
      deadlines.put(Bytes.wrap(index(next.deadline(), key)), new byte[0]);
    }
    states.put(key, next.encode());
  }

  private void raiseDue(long now) {
    List<KeyValue<Bytes, byte[]>> due = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> it =
        deadlines.range(Bytes.wrap(new byte[8]), Bytes.wrap(time(now + 1)))) {
      while (it.hasNext() && due.size() < CHUNK) {
        due.add(it.next());
      }
    }
    for (KeyValue<Bytes, byte[]> entry : due) {
      deadlines.delete(entry.key);
      byte[] bytes = entry.key.get();
      long deadline = ByteBuffer.wrap(bytes, 0, 8).getLong();
      String key = new String(Arrays.copyOfRange(bytes, 8, bytes.length), StandardCharsets.UTF_8);
      byte[] stored = states.get(key);
      if (stored == null) {
        continue;
      }
      SilenceState state = SilenceState.decode(stored);
      if (state.deadline() != deadline) {
        continue;
      }
      states.put(key, state.withDeadline(SilenceState.NONE).encode());
      Anomaly anomaly = anomaly(key, state, now);
      context.forward(new Record<>(key, new Scoring.Alert(anomaly), now));
      metrics.anomalyEmitted(anomaly.severity(), DETECTOR, partition);
    }
  }

  private static Anomaly anomaly(String key, SilenceState state, long now) {
    Instant last = Instant.ofEpochMilli(state.lastEventTime());
    Duration usual = Duration.ofMillis(Math.round(state.meanGap()));
    Duration quiet = Duration.ofMillis(now - state.lastArrival());
    return new Anomaly(
        AnomalyId.of(key, last, null, DETECTOR),
        key,
        last,
        Instant.ofEpochMilli(now),
        1.0,
        Severity.HIGH,
        DETECTOR,
        1,
        null,
        null,
        null,
        null,
        null,
        "no event for "
            + quiet
            + " after "
            + state.events()
            + " events, usually one every "
            + usual
            + "; last event at "
            + last);
  }

  private static byte[] index(long deadline, String key) {
    byte[] name = key.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + name.length).putLong(deadline).put(name).array();
  }

  private static byte[] time(long millis) {
    return ByteBuffer.allocate(8).putLong(millis).array();
  }
}
