package io.vigil.schemas.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Why a record went to a dead-letter topic and where it came from. Travels as record headers next
 * to the original bytes, so the record can be inspected and replayed as it was.
 *
 * @param stage the component that refused it, e.g. {@code processor.parse}
 * @param reason the problem in plain words, e.g. {@code /value: not a finite number}
 * @param sourceTopic topic the record was read from
 * @param sourcePartition its partition
 * @param sourceOffset its offset
 */
public record DeadLetter(
    String stage, String reason, String sourceTopic, int sourcePartition, long sourceOffset) {

  public static final String STAGE = "vigil.dlq.stage";
  public static final String REASON = "vigil.dlq.reason";
  public static final String SOURCE_TOPIC = "vigil.dlq.source.topic";
  public static final String SOURCE_PARTITION = "vigil.dlq.source.partition";
  public static final String SOURCE_OFFSET = "vigil.dlq.source.offset";

  public DeadLetter {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(sourceTopic, "sourceTopic");
  }

  /**
   * Adds this dead letter's headers to {@code headers} (replacing earlier ones) and returns them.
   */
  public Headers writeTo(Headers headers) {
    put(headers, STAGE, stage);
    put(headers, REASON, reason);
    put(headers, SOURCE_TOPIC, sourceTopic);
    put(headers, SOURCE_PARTITION, Integer.toString(sourcePartition));
    put(headers, SOURCE_OFFSET, Long.toString(sourceOffset));
    return headers;
  }

  public Headers toHeaders() {
    return writeTo(new RecordHeaders());
  }

  /**
   * Reads a dead letter back from headers written by {@link #writeTo}.
   *
   * @throws IllegalArgumentException naming the header that is missing or not a number
   */
  public static DeadLetter readFrom(Headers headers) {
    return new DeadLetter(
        get(headers, STAGE),
        get(headers, REASON),
        get(headers, SOURCE_TOPIC),
        (int) number(headers, SOURCE_PARTITION, Integer.MIN_VALUE, Integer.MAX_VALUE),
        number(headers, SOURCE_OFFSET, Long.MIN_VALUE, Long.MAX_VALUE));
  }

  private static void put(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  private static long number(Headers headers, String name, long min, long max) {
    String text = get(headers, name);
    try {
      long value = Long.parseLong(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the header's name
    }
    throw new IllegalArgumentException(
        "dead-letter header " + name + " is not a valid number: '" + text + "'");
  }

  private static String get(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    if (header == null || header.value() == null) {
      throw new IllegalArgumentException("dead-letter header missing: " + name);
    }
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}
