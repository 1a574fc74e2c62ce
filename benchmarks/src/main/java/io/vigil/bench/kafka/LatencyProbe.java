package io.vigil.bench.kafka;

import io.vigil.runtime.kafka.DurableProducers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Sends events at a fixed rate from a thread of its own and measures, for each score that becomes
 * visible to a {@code read_committed} consumer, the time since its event was sent: the score record
 * keeps the event record's timestamp, which the producer sets when it sends.
 */
final class LatencyProbe implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(20);

  /** The first fifth of the events warm the keys and the clients up and are not measured. */
  private static final double WARMUP_SHARE = 0.2;

  private final Map<String, Object> clientConfig;
  private final KafkaConsumer<byte[], byte[]> consumer;

  /** Opens the consumer at the end of every partition of {@code scoresTopic} (which must exist). */
  LatencyProbe(Map<String, Object> clientConfig, String scoresTopic, Duration timeout) {
    this.clientConfig = clientConfig;
    consumer =
        ReadCommitted.consumer(clientConfig, Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10));
    ReadCommitted.assignAtEnd(consumer, List.of(scoresTopic), timeout);
  }

  /** What a measurement gave: the latencies and the rate the events were really sent at. */
  record Result(long[] latenciesMillis, double achievedRate) {}

  /**
   * Sends events {@code 0 … count-1} at {@code rate} per second and waits for all their scores.
   *
   * @throws IllegalStateException if a send fails, the application stops, or on timeout
   */
  Result measure(
      String eventsTopic,
      BenchEvents events,
      long count,
      double rate,
      Supplier<KafkaStreams.State> state,
      long deadlineNanos) {
    AtomicReference<Exception> failure = new AtomicReference<>();
    AtomicLong sendNanos = new AtomicLong();
    long measuredFrom = System.currentTimeMillis() + (long) (count * WARMUP_SHARE / rate * 1000);
    Thread sender =
        new Thread(() -> send(eventsTopic, events, count, rate, failure, sendNanos), "bench-paced");
    sender.setDaemon(true);
    sender.start();
    long[] latencies = new long[(int) count];
    int measured = 0;
    long seen = 0;
    try {
      while (seen < count) {
        for (ConsumerRecord<byte[], byte[]> score : consumer.poll(POLL)) {
          long now = System.currentTimeMillis();
          seen++;
          if (score.timestamp() >= measuredFrom) {
            latencies[measured++] = now - score.timestamp();
          }
        }
        if (failure.get() != null) {
          throw new IllegalStateException("a paced send failed: " + failure.get(), failure.get());
        }
        if (!state.get().isRunningOrRebalancing()) {
          throw new IllegalStateException(
              "Kafka Streams is " + state.get() + " after " + seen + " of " + count + " scores");
        }
        if (System.nanoTime() - deadlineNanos > 0) {
          throw new IllegalStateException(
              "only " + seen + " of " + count + " scores became visible before the timeout");
        }
      }
    } finally {
      sender.interrupt();
    }
    double achieved = sendNanos.get() == 0 ? rate : count / (sendNanos.get() / 1e9);
    return new Result(java.util.Arrays.copyOf(latencies, measured), achieved);
  }

  private void send(
      String topic,
      BenchEvents events,
      long count,
      double rate,
      AtomicReference<Exception> failure,
      AtomicLong sendNanos) {
    Map<String, Object> config = DurableProducers.config(clientConfig);
    // Each event leaves at once: the latency is the pipeline's, not a batching producer's.
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      long start = System.nanoTime();
      for (long i = 0; i < count && failure.get() == null; i++) {
        long due = start + (long) (i * 1e9 / rate);
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
          if (Thread.currentThread().isInterrupted()) {
            return;
          }
        }
        producer.send(
            new ProducerRecord<>(topic, events.key(i), events.json(i)),
            (metadata, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
      }
      producer.flush();
      sendNanos.set(System.nanoTime() - start);
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
