package io.vigil.processor.model;

import io.vigil.detect.StateFormatException;
import io.vigil.detect.StateMapper;
import io.vigil.processor.detector.DetectorFactory;
import io.vigil.schemas.anomaly.Severity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Locale;

/**
 * Bytes form of a {@link ModelRecord} in the {@code models} store and its changelog. Big-endian
 * ({@link DataOutputStream}); the fixed-size header comes first, so the TTL scan reads the last
 * event time without touching the model:
 *
 * <pre>
 * byte    format (0x7E; a detector's own model bytes never start with it)
 * long    last event time, epoch seconds
 * int     nanoseconds
 * long    observations
 * UTF     detector name
 * boolean has last anomaly: UTF id, long seconds, int nanos, double score, UTF severity
 * int     model length, then the detector's model bytes (their own format version first)
 * </pre>
 */
public final class ModelCodec {
  static final int FORMAT = 0x7E;
  private static final int HEADER = 1 + 8 + 4;

  private final DetectorFactory detectors;

  public ModelCodec(DetectorFactory detectors) {
    this.detectors = detectors;
  }

  public byte[] encode(ModelRecord record) {
    byte[] model = mapperOf(record.detector()).toBytes(record.model());
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(model.length + 96);
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      out.writeByte(FORMAT);
      out.writeLong(record.lastEventTime().getEpochSecond());
      out.writeInt(record.lastEventTime().getNano());
      out.writeLong(record.observations());
      out.writeUTF(record.detector());
      LastAnomaly last = record.lastAnomaly();
      out.writeBoolean(last != null);
      if (last != null) {
        out.writeUTF(last.id());
        out.writeLong(last.timestamp().getEpochSecond());
        out.writeInt(last.timestamp().getNano());
        out.writeDouble(last.score());
        out.writeUTF(last.severity().wireName());
      }
      out.writeInt(model.length);
      out.write(model);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return buffer.toByteArray();
  }

  /**
   * @throws StateFormatException if the bytes are not a readable record of a known detector
   */
  public ModelRecord decode(byte[] bytes) {
    checkFormat(bytes);
    try (DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length))) {
      Instant lastEventTime = Instant.ofEpochSecond(in.readLong(), in.readInt());
      long observations = in.readLong();
      String detector = in.readUTF();
      LastAnomaly last = null;
      if (in.readBoolean()) {
        last =
            new LastAnomaly(
                in.readUTF(),
                Instant.ofEpochSecond(in.readLong(), in.readInt()),
                in.readDouble(),
                Severity.valueOf(in.readUTF().toUpperCase(Locale.ROOT)));
      }
      int length = in.readInt();
      if (length < 0 || length > in.available()) {
        throw new StateFormatException("model record claims " + length + " model bytes");
      }
      byte[] model = in.readNBytes(length);
      return new ModelRecord(
          detector, mapperOf(detector).fromBytes(model), lastEventTime, observations, last);
    } catch (IOException | DateTimeException | IllegalArgumentException e) {
      throw new StateFormatException("corrupt model record: " + e, e);
    }
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

  private static void checkFormat(byte[] bytes) {
    if (bytes == null || bytes.length == 0 || (bytes[0] & 0xFF) != FORMAT) {
      throw new StateFormatException("not a model record (unknown format)");
    }
  }

  @SuppressWarnings("unchecked")
  private StateMapper<Object> mapperOf(String detector) {
    return (StateMapper<Object>)
        detectors
            .mapper(detector)
            .orElseThrow(() -> new StateFormatException("unknown detector '" + detector + "'"));
  }
}
