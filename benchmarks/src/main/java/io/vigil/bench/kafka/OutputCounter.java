package io.vigil.bench.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Counts the records that become visible to a {@code read_committed} consumer on some topics from
 * the moment it is opened: what a downstream application would see, transactions committed. The
 * records are not deserialised; only their number matters.
 */
final class OutputCounter implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(100);

  private final KafkaConsumer<byte[], byte[]> consumer;

  /**
   * Positions a consumer at the current end of every partition of {@code topics} (which must
   * exist), so only records written from now on are counted.
   */
  OutputCounter(Map<String, Object> clientConfig, List<String> topics, Duration timeout) {
    consumer =
        ReadCommitted.consumer(
            clientConfig,
            Map.of(
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                10_000,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                4 << 20));
    try {
      ReadCommitted.assignAtEnd(consumer, topics, timeout);
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
  }

  /**
   * Counts until {@code expected} records have been seen.
   *
   * @param state the producing application's state, checked between polls
   * @return {@link System#nanoTime()} when the last expected record was seen
   * @throws IllegalStateException if the application stops or fails, or on timeout
   */
  long awaitCount(long expected, Supplier<KafkaStreams.State> state, long deadlineNanos) {
    long seen = 0;
    while (true) {
      seen += consumer.poll(POLL).count();
      if (seen >= expected) {
        return System.nanoTime();
      }
      KafkaStreams.State current = state.get();
      if (!current.isRunningOrRebalancing()) {
        throw new IllegalStateException(
            "Kafka Streams is " + current + " after " + seen + " of " + expected + " outputs");
      }
      if (System.nanoTime() - deadlineNanos > 0) {
        throw new IllegalStateException(
            "only " + seen + " of " + expected + " outputs became visible before the timeout");
      }
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
