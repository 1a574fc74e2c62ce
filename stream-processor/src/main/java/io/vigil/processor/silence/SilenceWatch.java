package io.vigil.processor.silence;

import io.vigil.processor.detector.KeySettingsRegistry;
import io.vigil.processor.metrics.ScoringMetrics;
import io.vigil.processor.score.Scoring;
import io.vigil.processor.score.ScoringInput;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.AnomalyId;
import io.vigil.schemas.anomaly.Severity;
import io.vigil.schemas.anomaly.SourcePosition;
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
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Silent series: for the keys whose detector config has a {@code silence} rule, remembers each
 * key's usual interval (mean gap between its events) and a deadline (its last event time + {@code
 * after} × that interval), and raises one {@code silence} anomaly, pointing at the key's last
 * event, once the task's event time passes the deadline; the key's next event re-arms it.
 *
 * <p>Everything is event time, the time the intervals are measured in: the task's event time is the
 * latest event time it has scored (any key), and due deadlines are looked up at most once per
 * {@code scanInterval} of it, when an event moves it on. So a replay or a backtest of the same
 * events raises the same silences as the live run did, whatever the processing speed; wall-clock
 * deadlines would fire on every key of a backtest (processed in seconds) or never. The price: a key
 * is only found silent while other keys of its task keep reporting; a task whose every key stopped
 * (a dead producer, a stopped ingest) is what the ingest and lag alerts are for.
 *
 * <p>Deadlines are indexed by time in a second store, so a look reads only those due (a bounded
 * chunk), never every key. Both stores are changelogged and the anomaly is forwarded in the task's
 * transaction: exactly-once like any other. Keys without a rule cost one volatile read per event
 * while no config has a rule, and a comparison of two longs otherwise.
 */
public final class SilenceWatch implements Processor<String, ScoringInput, String, Scoring> {
  /** Per-key state, keyed by series key. */
  public static final String STATES = "silences";

  /** Deadlines: 8 bytes of event-time millis, big-endian, then the series key; empty values. */
  public static final String DEADLINES = "silence-deadlines";

  /** Detector name of silence anomalies. */
  public static final String DETECTOR = "silence";

  /** Due deadlines handled per look. */
  static final int CHUNK = 1_000;

  private final KeySettingsRegistry settings;
  private final ScoringMetrics metrics;
  private final long scanInterval;
  private ProcessorContext<String, Scoring> context;
  private KeyValueStore<String, byte[]> states;
  private KeyValueStore<Bytes, byte[]> deadlines;
  private int partition;

  /** The task's event time: the latest event time scored since this task started here. */
  private long eventTime = Long.MIN_VALUE;

  /** The task's event time at which due deadlines are looked up next. */
  private long nextLook = Long.MIN_VALUE;

  /**
   * @param scanInterval event time between two looks for due deadlines
   */
  public SilenceWatch(KeySettingsRegistry settings, ScoringMetrics metrics, Duration scanInterval) {
    this.settings = settings;
    this.metrics = metrics;
    this.scanInterval = scanInterval.toMillis();
  }

  @Override
  public void init(ProcessorContext<String, Scoring> context) {
    this.context = context;
    states = context.getStateStore(STATES);
    deadlines = context.getStateStore(DEADLINES);
    partition = context.taskId().partition();
  }

  @Override
  public void process(Record<String, ScoringInput> record) {
    if (!settings.anySilence()) {
      return;
    }
    long time = record.value().event().timestamp().toEpochMilli();
    SilenceRule rule = settings.resolve(record.key()).silence();
    if (rule != null) {
      track(record.key(), rule, time, record.value().source());
    }
    if (time > eventTime) {
      eventTime = time;
    }
    if (eventTime >= nextLook) {
      nextLook = eventTime + scanInterval;
      raiseDue(record.timestamp());
    }
  }

  private void track(String key, SilenceRule rule, long time, SourcePosition source) {
    byte[] stored = states.get(key);
    SilenceState previous = stored == null ? null : SilenceState.decode(stored);
    SilenceState next =
        previous == null ? SilenceState.first(time, source) : previous.next(time, source);
    if (next.events() >= rule.minEvents() && next.meanGap() > 0) {
      next =
          next.withDeadline(next.lastEventTime() + (long) Math.ceil(rule.after() * next.meanGap()));
    }
    if (previous != null && previous.deadline() != SilenceState.NONE) {
      deadlines.delete(Bytes.wrap(index(previous.deadline(), key)));
    }
    if (next.deadline() != SilenceState.NONE) {
      deadlines.put(Bytes.wrap(index(next.deadline(), key)), new byte[0]);
    }
    states.put(key, next.encode());
  }

  /** Raises the keys whose deadline is before the task's event time, at most a chunk of them. */
  private void raiseDue(long recordTimestamp) {
    List<KeyValue<Bytes, byte[]>> due = new ArrayList<>();
    // Inclusive bounds: every index whose 8-byte time is below eventTime sorts before
    // time(eventTime).
    try (KeyValueIterator<Bytes, byte[]> it =
        deadlines.range(Bytes.wrap(new byte[8]), Bytes.wrap(time(eventTime)))) {
      while (it.hasNext() && due.size() < CHUNK) {
        due.add(it.next());
      }
    }
    if (due.isEmpty()) {
      return;
    }
    long now = context.currentSystemTimeMs();
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
      Anomaly anomaly = anomaly(key, state, eventTime, now);
      context.forward(new Record<>(key, new Scoring.Alert(anomaly), recordTimestamp));
      metrics.anomalyEmitted(anomaly.severity(), DETECTOR, partition);
    }
  }

  private static Anomaly anomaly(String key, SilenceState state, long eventTime, long now) {
    Instant last = Instant.ofEpochMilli(state.lastEventTime());
    Duration usual = Duration.ofMillis(Math.round(state.meanGap()));
    Duration quiet = Duration.ofMillis(eventTime - state.lastEventTime());
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
        state.lastSource(),
        null,
        "no event for "
            + quiet
            + " of event time after "
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
