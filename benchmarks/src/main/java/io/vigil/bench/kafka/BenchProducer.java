package io.vigil.bench.kafka;

import io.vigil.runtime.kafka.DurableProducers;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes a run's events into a topic, as a producer application would: each event serialised to
 * JSON and sent, keyed by its series key (Java's default partitioner), idempotent with {@code
 * acks=all} and the ingest connector's batching unless {@code KAFKA_*} says otherwise.
 */
final class BenchProducer {
  private BenchProducer() {}

  /**
   * Sends events {@code 0 … count-1} and waits until every one is acknowledged.
   *
   * @return nanoseconds from the first send to the last acknowledgement
   * @throws IllegalStateException if any send failed
   */
  static long produce(
      Map<String, Object> clientConfig, String topic, BenchEvents events, long count) {
    return produce(clientConfig, topic, events::key, events::json, count);
  }

  /** Sends records {@code 0 … count-1}, keyed and valued by the given functions, and waits. */
  static long produce(
      Map<String, Object> clientConfig,
      String topic,
      LongFunction<String> keys,
      LongFunction<byte[]> values,
      long count) {
    Map<String, Object> config = DurableProducers.config(clientConfig);
    // The ingest connector's replay settings (Replayer): the same defaults, the same overrides.
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 10);
    config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    AtomicReference<Exception> failure = new AtomicReference<>();
    AtomicLong failed = new AtomicLong();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      long started = System.nanoTime();
      for (long i = 0; i < count && failure.get() == null; i++) {
        producer.send(
            new ProducerRecord<>(topic, keys.apply(i), values.apply(i)),
            (metadata, e) -> {
              if (e != null) {
                failed.incrementAndGet();
                failure.compareAndSet(null, e);
              }
            });
      }
      producer.flush();
      long elapsed = System.nanoTime() - started;
      if (failure.get() != null) {
        throw new IllegalStateException(
            failed.get() + " events could not be sent to " + topic + ": " + failure.get(),
            failure.get());
      }
      return elapsed;
    }
  }
}
