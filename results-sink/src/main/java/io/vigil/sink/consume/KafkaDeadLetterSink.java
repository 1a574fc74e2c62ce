package io.vigil.sink.consume;

import io.vigil.runtime.config.KafkaSettings;
import io.vigil.schemas.deadletter.DeadLetter;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Sends dead letters to a Kafka topic with {@code acks=all} and waits for each acknowledgement. */
public final class KafkaDeadLetterSink implements DeadLetterSink, AutoCloseable {
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

  private final Producer<String, byte[]> producer;
  private final String topic;

  public KafkaDeadLetterSink(Producer<String, byte[]> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  /** A producer from the pass-through client properties, made durable and idempotent. */
  public static KafkaDeadLetterSink create(KafkaSettings kafka, String topic) {
    return new KafkaDeadLetterSink(DurableProducer.create(kafka), topic);
  }

  @Override
  public void send(ConsumerRecord<String, byte[]> record, DeadLetter letter) {
    ProducerRecord<String, byte[]> dead =
        new ProducerRecord<>(topic, null, record.key(), record.value(), letter.toHeaders());
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
