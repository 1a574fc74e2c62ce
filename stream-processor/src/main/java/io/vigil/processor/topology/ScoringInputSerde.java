package io.vigil.processor.topology;

import io.vigil.detect.StateCodec;
import io.vigil.processor.score.ScoringInput;
import io.vigil.schemas.anomaly.SourcePosition;
import io.vigil.schemas.event.Event;
import io.vigil.schemas.serde.JsonSerde;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The repartition topic's value: a parsed event in a compact binary form, so an event is parsed
 * (and validated) once, from the public JSON, and never re-read as JSON. Big-endian, format 1:
 *
 * <pre>
 * byte    format (1)
 * string  series key
 * long    timestamp, epoch seconds; int nanoseconds
 * byte    0: univariate, then double value; 1: multivariate, then int count and (string, double)s
 * boolean has id, then string id
 * int     tags, then (string, string)s
 * string  source topic; int partition; long offset
 * boolean has ingest time, then long seconds, int nanoseconds
 * </pre>
 *
 * Strings are an int byte length and UTF-8. A value that starts with {@code {} is the JSON form
 * earlier builds wrote, still read so that records left in the topic by an upgrade are scored.
 */
final class ScoringInputSerde implements Serde<ScoringInput> {
  static final int FORMAT = 1;
  private static final String WHAT = "scoring input";
  private static final JsonSerde<ScoringInput> LEGACY_JSON = JsonSerde.of(ScoringInput.class);

  @Override
  public Serializer<ScoringInput> serializer() {
    return (topic, input) -> input == null ? null : encode(input);
  }

  @Override
  public Deserializer<ScoringInput> deserializer() {
    return (topic, bytes) -> bytes == null ? null : decode(bytes);
  }

  public static byte[] encode(ScoringInput input) {
    Event event = input.event();
    return StateCodec.encode(
        FORMAT,
        out -> {
          writeString(out, event.key());
          out.writeLong(event.timestamp().getEpochSecond());
          out.writeInt(event.timestamp().getNano());
          if (event.multivariate()) {
            out.writeByte(1);
            out.writeInt(event.values().size());
            for (Map.Entry<String, Double> feature : event.values().entrySet()) {
              writeString(out, feature.getKey());
              out.writeDouble(feature.getValue());
            }
          } else {
            out.writeByte(0);
            out.writeDouble(event.value());
          }
          out.writeBoolean(event.id() != null);
          if (event.id() != null) {
            writeString(out, event.id());
          }
          out.writeInt(event.tags().size());
          for (Map.Entry<String, String> tag : event.tags().entrySet()) {
            writeString(out, tag.getKey());
            writeString(out, tag.getValue());
          }
          writeString(out, input.source().topic());
          out.writeInt(input.source().partition());
          out.writeLong(input.source().offset());
          StateCodec.writeInstant(out, input.ingestedAt());
        });
  }

  /**
   * @throws SerializationException saying what is wrong with bytes that are no scoring input
   */
  public static ScoringInput decode(byte[] bytes) {
    if (bytes.length > 0 && bytes[0] == '{') {
      return LEGACY_JSON.fromBytes(bytes);
    }
    try {
      return StateCodec.decode(WHAT, FORMAT, bytes, (in, version) -> read(in));
    } catch (RuntimeException e) {
      throw new SerializationException("unreadable " + WHAT + ": " + e.getMessage(), e);
    }
  }

  private static ScoringInput read(DataInputStream in) throws IOException {
    String key = readString(in);
    Instant timestamp = Instant.ofEpochSecond(in.readLong(), in.readInt());
    Double value = null;
    Map<String, Double> values = null;
    int kind = in.readByte();
    switch (kind) {
      case 0 -> value = in.readDouble();
      case 1 -> {
        int count = count(in);
        values = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
          values.put(readString(in), in.readDouble());
        }
      }
      default -> throw new IOException("unknown value kind " + kind);
    }
    String id = in.readBoolean() ? readString(in) : null;
    int tagCount = count(in);
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 0; i < tagCount; i++) {
      tags.put(readString(in), readString(in));
    }
    Event event = new Event(key, timestamp, value, values, id, tags);
    SourcePosition source = new SourcePosition(readString(in), in.readInt(), in.readLong());
    return new ScoringInput(event, source, StateCodec.readInstant(in));
  }

  private static void writeString(DataOutputStream out, String text) throws IOException {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] utf8 = new byte[count(in)];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /** A length or count, checked against what is left so corrupt bytes cannot allocate much. */
  private static int count(DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count < 0 || count > in.available()) {
      throw new IOException("bad length " + count + " with " + in.available() + " bytes left");
    }
    return count;
  }
}
