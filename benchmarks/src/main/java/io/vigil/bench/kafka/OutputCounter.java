package io.vigil.bench.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 << 20);
    consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    try {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
          throw new IllegalStateException("topic " + topic + " does not exist");
        }
        infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      // seekToEnd is lazy: resolve the positions now, before anything is written.
      partitions.forEach(p -> consumer.position(p, timeout));
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
