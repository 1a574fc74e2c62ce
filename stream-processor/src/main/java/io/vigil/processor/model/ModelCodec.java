package io.vigil.processor.model;

import io.vigil.detect.ExpectedBand;
import io.vigil.detect.StateCodec;
import io.vigil.detect.StateFormatException;
import io.vigil.detect.StateMapper;
import io.vigil.detect.pipeline.KeyState;
import io.vigil.detect.pipeline.KeyStateMapper;
import io.vigil.processor.detector.DetectorFactory;
import io.vigil.schemas.anomaly.Severity;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bytes form of a {@link ModelRecord} in the {@code models} store and its changelog. Big-endian
 * ({@link DataOutputStream}); the fixed-size header comes first, so the TTL scan reads the last
 * event time without touching the model. Format 2:
 *
 * <pre>
 * byte    format (0x7F; a detector's own model bytes never start with it)
 * long    last event time, epoch seconds
 * int     nanoseconds
 * UTF     detector setup name
 * boolean has last anomaly: UTF id, long seconds, int nanos, double score, UTF severity
 * int     expected features, each: UTF name, double value, double lower, double upper
 * int     state length, then the key's scoring state ({@link KeyStateMapper}, versioned)
 * </pre>
 *
 * <p>Format 1 (0x7E, before the processor scored through {@link
 * io.vigil.detect.pipeline.KeyScorer}) still loads: its header is the same, then {@code long
 * observations}, the detector name, the last anomaly and the detector's bare model; it becomes a
 * state with the same observations and the last anomaly's time as the last alert.
 */
public final class ModelCodec {
  static final int FORMAT = 0x7F;
  static final int FORMAT_1 = 0x7E;
  private static final int HEADER = 1 + 8 + 4;

  private final DetectorFactory detectors;
  // Looked up once per setup: a model is written at every commit that changed it.
  private final Map<String, KeyStateMapper<Object>> stateMappers = new ConcurrentHashMap<>();

  public ModelCodec(DetectorFactory detectors) {
    this.detectors = detectors;
  }

  public byte[] encode(ModelRecord record) {
    byte[] state = stateMapperOf(record.detector()).toBytes(record.state());
    return StateCodec.encode(
        FORMAT,
        state.length + 128,
        out -> {
          out.writeLong(record.lastEventTime().getEpochSecond());
          out.writeInt(record.lastEventTime().getNano());
          out.writeUTF(record.detector());
          writeLastAnomaly(out, record.lastAnomaly());
          out.writeInt(record.expected().size());
          for (var entry : record.expected().entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeDouble(entry.getValue().value());
            out.writeDouble(entry.getValue().lower());
            out.writeDouble(entry.getValue().upper());
          }
          StateCodec.writeBlob(out, state);
        });
  }

  /**
   * @throws StateFormatException if the bytes are not a readable record of a known detector
   */
  public ModelRecord decode(byte[] bytes) {
    return StateCodec.decode(
        "model record",
        FORMAT_1,
        FORMAT,
        bytes,
        (in, format) -> {
          Instant lastEventTime = Instant.ofEpochSecond(in.readLong(), in.readInt());
          return format == FORMAT_1
              ? decodeFormat1(in, lastEventTime)
              : decodeFormat2(in, lastEventTime);
        });
  }

  private ModelRecord decodeFormat2(DataInputStream in, Instant lastEventTime) throws IOException {
    String detector = in.readUTF();
    LastAnomaly last = readLastAnomaly(in);
    int features = StateCodec.readCount(in);
    Map<String, ExpectedBand> expected = new LinkedHashMap<>();
    for (int i = 0; i < features; i++) {
      expected.put(
          in.readUTF(), new ExpectedBand(in.readDouble(), in.readDouble(), in.readDouble()));
    }
    KeyState<Object> state = stateMapperOf(detector).fromBytes(StateCodec.readBlob(in));
    return new ModelRecord(detector, state, lastEventTime, last, expected);
  }

  private ModelRecord decodeFormat1(DataInputStream in, Instant lastEventTime) throws IOException {
    long observations = in.readLong();
    String detector = in.readUTF();
    LastAnomaly last = readLastAnomaly(in);
    Object model = modelMapperOf(detector).fromBytes(StateCodec.readBlob(in));
    KeyState<Object> state =
        new KeyState<>(
            model,
            observations,
            last == null ? null : last.timestamp(),
            0,
            last == null ? 0.0 : Double.POSITIVE_INFINITY);
    return new ModelRecord(detector, state, lastEventTime, last, Map.of());
  }

  private static void writeLastAnomaly(DataOutputStream out, LastAnomaly last) throws IOException {
    out.writeBoolean(last != null);
    if (last != null) {
      out.writeUTF(last.id());
      out.writeLong(last.timestamp().getEpochSecond());
      out.writeInt(last.timestamp().getNano());
      out.writeDouble(last.score());
      out.writeUTF(last.severity().wireName());
    }
  }

  private static LastAnomaly readLastAnomaly(DataInputStream in) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    return new LastAnomaly(
        in.readUTF(),
        Instant.ofEpochSecond(in.readLong(), in.readInt()),
        in.readDouble(),
        Severity.valueOf(in.readUTF().toUpperCase(Locale.ROOT)));
  }

  /** The last event time alone, read from the header. */
  public Instant lastEventTime(byte[] bytes) {
    checkFormat(bytes);
    if (bytes.length < HEADER) {
      throw new StateFormatException("model record of " + bytes.length + " bytes is truncated");
    }
    long seconds = 0;
    for (int i = 1; i < 9; i++) {
      seconds = (seconds << 8) | (bytes[i] & 0xFF);
    }
    int nanos = 0;
    for (int i = 9; i < HEADER; i++) {
      nanos = (nanos << 8) | (bytes[i] & 0xFF);
    }
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (DateTimeException e) {
      throw new StateFormatException("corrupt model record time: " + e, e);
    }
  }

  private static int checkFormat(byte[] bytes) {
    int format = bytes == null || bytes.length == 0 ? -1 : bytes[0] & 0xFF;
    if (format != FORMAT && format != FORMAT_1) {
      throw new StateFormatException("not a model record (unknown format)");
    }
    return format;
  }

  private KeyStateMapper<Object> stateMapperOf(String detector) {
    return stateMappers.computeIfAbsent(
        detector, name -> new KeyStateMapper<>(modelMapperOf(name)));
  }

  @SuppressWarnings("unchecked")
  private StateMapper<Object> modelMapperOf(String detector) {
    return (StateMapper<Object>)
        detectors
            .mapper(detector)
            .orElseThrow(() -> new StateFormatException("unknown detector '" + detector + "'"));
  }
}
