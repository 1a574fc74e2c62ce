package io.vigil.schemas.serde;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;

/** The one Jackson configuration for Vigil's wire formats. */
public final class Json {
  private Json() {}

  /**
   * The streaming factory under every mapper, and under the hand-written writers that must give the
   * same bytes: numbers are read and written with Jackson's fast algorithms (the same doubles as
   * Double.parseDouble; the shortest text that reads back as the same double).
   */
  public static JsonFactory factory() {
    return JsonFactory.builder()
        .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
        .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
        .build();
  }

  /**
   * A new mapper: ISO-8601 timestamps and durations, unknown fields tolerated (newer producers may
   * add fields), no nanosecond fractions lost. Integer timestamps and durations are read as epoch
   * milliseconds and milliseconds, as the v1 schemas define them (Jackson's default would read
   * seconds).
   */
  public static ObjectMapper newMapper() {
    return JsonMapper.builder(factory())
        .addModule(new JavaTimeModule())
        .addModule(
            new SimpleModule("vigil-time").addDeserializer(Instant.class, new InstantReader()))
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .build();
  }
}
