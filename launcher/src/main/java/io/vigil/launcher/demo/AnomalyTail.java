package io.vigil.launcher.demo;

import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.topic.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Follows the anomalies topic as a consumer would (read-committed, from the start) and hands each
 * anomaly to a listener, on its own thread.
 */
final class AnomalyTail implements AutoCloseable {
  private final KafkaConsumer<String, Anomaly> consumer;
  private final Consumer<Anomaly> listener;
  private final AtomicLong seen = new AtomicLong();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  AnomalyTail(String bootstrapServers, Topic<String, Anomaly> topic, Consumer<Anomaly> listener) {
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "vigil-demo-console",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            topic.keySerde().deserializer(),
            topic.valueSerde().deserializer());
    this.listener = listener;
    consumer.subscribe(List.of(topic.name()));
    this.thread = new Thread(this::run, "demo-anomaly-tail");
    thread.setDaemon(true);
    thread.start();
  }

  long seen() {
    return seen.get();
  }

  private void run() {
    try {
      while (running.get()) {
        for (ConsumerRecord<String, Anomaly> record : consumer.poll(Duration.ofMillis(500))) {
          seen.incrementAndGet();
          listener.accept(record.value());
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (running.compareAndSet(true, false)) {
      consumer.wakeup();
      thread.join(10_000);
    }
  }
}
