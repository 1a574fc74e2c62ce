package io.vigil.processor.errors;

import io.vigil.schemas.deadletter.DeadLetter;
import io.vigil.schemas.deadletter.DeadLetterLimit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/** Dead-letter records built by the exception handlers. */
final class DeadLetterRecords {
  private static final int MAX_REASON_LENGTH = 500;

  private DeadLetterRecords() {}

  /**
   * The record to dead-letter: its key and value unchanged, its headers plus the dead letter's; a
   * stub when that would be too large for the producer or the topic (see {@link DeadLetterLimit}).
   */
  static ProducerRecord<byte[], byte[]> of(
      HandlerSettings settings, byte[] key, byte[] value, Headers headers, DeadLetter letter) {
    ProducerRecord<byte[], byte[]> record =
        settings.deadLetterLimit().record(settings.deadLetterTopic(), key, value, headers, letter);
    if (DeadLetterLimit.isStub(record.headers())) {
      settings.metrics().deadLetterStub(letter.stage());
    }
    return record;
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
