package io.vigil.sink.consume;

import io.vigil.schemas.deadletter.DeadLetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where records that can never be written go: the dead-letter topic. {@link #send} returns only
 * once the record is acknowledged, because the consumer commits past it right after.
 */
@FunctionalInterface
public interface DeadLetterSink {
  /**
   * Stores {@code record}'s original key and bytes with {@code letter}'s headers.
   *
   * @throws RuntimeException if the record was not acknowledged; the batch is then retried
   */
  void send(ConsumerRecord<String, byte[]> record, DeadLetter letter);
}
