package io.vigil.schemas.score;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.vigil.schemas.anomaly.Expected;
import io.vigil.schemas.anomaly.SourcePosition;
import io.vigil.schemas.serde.IsoInstant;
import io.vigil.schemas.serde.Json;
import io.vigil.schemas.serde.JsonSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The scores topic's serde. The processor writes a score for every event, so the JSON is written
 * field by field with Jackson's streaming generator rather than through data binding (reflection, a
 * formatter per timestamp); the bytes are those {@link JsonSerde} writes for a {@link Score}, which
 * a test keeps so. Reading goes through {@link JsonSerde}.
 */
public final class ScoreSerde implements Serde<Score> {
  private static final JsonFactory FACTORY = Json.factory();
  private final JsonSerde<Score> reader = JsonSerde.of(Score.class);

  @Override
  public Serializer<Score> serializer() {
    return (topic, score) -> score == null ? null : toBytes(score);
  }

  @Override
  public Deserializer<Score> deserializer() {
    return reader.deserializer();
  }

  public static byte[] toBytes(Score score) {
    try (ByteArrayBuilder buffer = new ByteArrayBuilder(FACTORY._getBufferRecycler(), 512)) {
      try (JsonGenerator json = FACTORY.createGenerator(buffer, JsonEncoding.UTF8)) {
        write(json, score);
      }
      return buffer.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
  }

  private static void write(JsonGenerator json, Score score) throws IOException {
    json.writeStartObject();
    json.writeStringField("key", score.key());
    json.writeStringField("timestamp", IsoInstant.format(score.timestamp()));
    json.writeStringField("detectedAt", IsoInstant.format(score.detectedAt()));
    json.writeNumberField("score", score.score());
    json.writeNumberField("rawScore", score.rawScore());
    if (!score.detector().isEmpty()) {
      json.writeStringField("detector", score.detector());
    }
    json.writeBooleanField("anomalous", score.anomalous());
    if (!score.values().isEmpty()) {
      json.writeObjectFieldStart("values");
      for (Map.Entry<String, Double> value : score.values().entrySet()) {
        json.writeNumberField(value.getKey(), value.getValue());
      }
      json.writeEndObject();
    }
    if (!score.expected().isEmpty()) {
      json.writeObjectFieldStart("expected");
      for (Map.Entry<String, Expected> expected : score.expected().entrySet()) {
        json.writeObjectFieldStart(expected.getKey());
        json.writeNumberField("value", expected.getValue().value());
        json.writeNumberField("lower", expected.getValue().lower());
        json.writeNumberField("upper", expected.getValue().upper());
        json.writeEndObject();
      }
      json.writeEndObject();
    }
    SourcePosition source = score.source();
    if (source != null) {
      json.writeObjectFieldStart("source");
      json.writeStringField("topic", source.topic());
      json.writeNumberField("partition", source.partition());
      json.writeNumberField("offset", source.offset());
      json.writeEndObject();
    }
    json.writeBooleanField("warmingUp", score.warmingUp());
    json.writeBooleanField("suppressed", score.suppressed());
    json.writeEndObject();
  }
}
