package io.vigil.schemas.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A Kafka serde that writes and reads one record type as JSON. Null maps to null (tombstones). */
public final class JsonSerde<T> implements Serde<T> {
  private final ObjectMapper mapper;
  private final Class<T> type;

  public JsonSerde(ObjectMapper mapper, Class<T> type) {
    this.mapper = mapper;
    this.type = type;
  }

  public static <T> JsonSerde<T> of(Class<T> type) {
    return new JsonSerde<>(Json.newMapper(), type);
  }

  public byte[] toBytes(T value) {
    try {
      return value == null ? null : mapper.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public T fromBytes(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return mapper.readValue(bytes, type);
    } catch (IOException | RuntimeException e) {
      // A deserializer must not leak arbitrary exceptions into the consumer's poll loop.
      throw new SerializationException("cannot read " + type.getSimpleName() + ": " + e, e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> toBytes(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> fromBytes(bytes);
  }
}
