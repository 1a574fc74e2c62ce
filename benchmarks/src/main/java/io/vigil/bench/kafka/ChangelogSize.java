package io.vigil.bench.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;

/** What compaction leaves of a changelog: the latest record of each key, read to the end. */
final class ChangelogSize {
  private ChangelogSize() {}

  /** What a changelog's latest records add up to. */
  record Size(long keys, long bytes) {}

  static Size latest(Map<String, Object> clientConfig, String topic, Duration timeout) {
    Map<Bytes, Integer> sizes = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        ReadCommitted.consumer(
            clientConfig, Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000))) {
      List<TopicPartition> partitions = ReadCommitted.assignAll(consumer, List.of(topic), timeout);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          Bytes key = Bytes.wrap(record.key());
          if (record.value() == null) {
            sizes.remove(key);
          } else {
            sizes.put(key, record.key().length + record.value().length);
          }
        }
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("could not read " + topic + " within " + timeout);
        }
      }
    }
    return new Size(sizes.size(), sizes.values().stream().mapToLong(Integer::longValue).sum());
  }
}
