package io.vigil.processor.errors;

import io.vigil.schemas.deadletter.DeadLetter;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Dead-letter records built by the exception handlers. */
final class DeadLetterRecords {
  private static final int MAX_REASON_LENGTH = 500;

  private DeadLetterRecords() {}

  /** The record to dead-letter: its key and value unchanged, its headers plus the dead letter's. */
  static ProducerRecord<byte[], byte[]> of(
      String topic, byte[] key, byte[] value, Headers headers, DeadLetter letter) {
    Headers copy = headers == null ? new RecordHeaders() : new RecordHeaders(headers.toArray());
    return new ProducerRecord<>(topic, null, key, value, letter.writeTo(copy));
  }

  /** Exception class and the first line of its message, bounded, for the reason header. */
  static String reason(Throwable e) {
    String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    String reason = e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    return reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH);
  }

  static String orUnknown(String topic) {
    return topic == null ? "unknown" : topic;
  }
}
