package io.vigil.sink.consume;

import io.vigil.runtime.config.KafkaSettings;
import io.vigil.runtime.kafka.DeadLetterLimits;
import io.vigil.schemas.deadletter.DeadLetter;
import io.vigil.schemas.deadletter.DeadLetterLimit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends dead letters to a Kafka topic with {@code acks=all} and waits for each acknowledgement. A
 * dead letter too large for the producer or the topic goes as a stub (see {@link DeadLetterLimit}):
 * otherwise its send would fail on every retry of the batch and hold the partition for ever.
 */
public final class KafkaDeadLetterSink implements DeadLetterSink, AutoCloseable {
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(KafkaDeadLetterSink.class);

  private final Producer<String, byte[]> producer;
  private final String topic;
  private final DeadLetterLimit limit;

  public KafkaDeadLetterSink(
      Producer<String, byte[]> producer, String topic, DeadLetterLimit limit) {
    this.producer = producer;
    this.topic = topic;
    this.limit = limit;
  }

  /** A producer from the pass-through client properties, made durable and idempotent. */
  public static KafkaDeadLetterSink create(KafkaSettings kafka, String topic) {
    return new KafkaDeadLetterSink(
        DurableProducer.create(kafka),
        topic,
        DeadLetterLimits.forTopic(kafka.clientConfig(), "", topic));
  }

  @Override
  public void send(ConsumerRecord<String, byte[]> record, DeadLetter letter) {
    byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
    ProducerRecord<byte[], byte[]> fitted = limit.record(topic, key, record.value(), null, letter);
    ProducerRecord<String, byte[]> dead =
        new ProducerRecord<>(
            topic,
            null,
            fitted.key() == null ? null : record.key(),
            fitted.value(),
            fitted.headers());
    if (DeadLetterLimit.isStub(dead.headers())) {
      log.warn(
          "dead letter for {}-{}@{} is over {} bytes, sent as a stub",
          record.topic(),
          record.partition(),
          record.offset(),
          limit.maxBytes());
    }
    try {
      producer.send(dead).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new WriteFailedException("dead-lettering to " + topic + " failed", e.getCause());
    } catch (TimeoutException e) {
      throw new WriteFailedException("dead-lettering to " + topic + " timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WriteFailedException("interrupted while dead-lettering", e);
    }
  }

  @Override
  public void close() {
    producer.close(SEND_TIMEOUT);
  }
}
