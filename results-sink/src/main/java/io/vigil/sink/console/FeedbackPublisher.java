package io.vigil.sink.console;

import io.vigil.runtime.config.KafkaSettings;
import io.vigil.schemas.feedback.Feedback;
import io.vigil.schemas.serde.JsonSerde;
import io.vigil.sink.consume.DurableProducer;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes the console's labels to the feedback topic, keyed by series key, and waits for acks. */
public final class FeedbackPublisher implements AutoCloseable {
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

  private final Producer<String, byte[]> producer;
  private final String topic;
  private final JsonSerde<Feedback> serde = JsonSerde.of(Feedback.class);

  private FeedbackPublisher(Producer<String, byte[]> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  static FeedbackPublisher create(KafkaSettings kafka, String topic) {
    return new FeedbackPublisher(DurableProducer.create(kafka), topic);
  }

  /** Sends the label; throws {@link IllegalStateException} if Kafka did not take it. */
  void publish(Feedback feedback) {
    try {
      producer
          .send(new ProducerRecord<>(topic, feedback.key(), serde.toBytes(feedback)))
          .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka did not take the label: " + e.getCause(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not acknowledge the label in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending the label", e);
    }
  }

  @Override
  public void close() {
    producer.close(SEND_TIMEOUT);
  }
}
