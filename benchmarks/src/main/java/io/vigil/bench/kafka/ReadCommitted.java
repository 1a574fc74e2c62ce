package io.vigil.bench.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The harness's consumers: what a downstream application sees, raw bytes, no group. */
final class ReadCommitted {
  private ReadCommitted() {}

  /** A {@code read_committed} consumer without auto-commit; {@code overrides} on top. */
  static KafkaConsumer<byte[], byte[]> consumer(
      Map<String, Object> clientConfig, Map<String, Object> overrides) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.putAll(overrides);
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * Assigns every partition of {@code topics} (which must exist) to {@code consumer}.
   *
   * @throws IllegalStateException naming a topic that does not exist
   */
  static List<TopicPartition> assignAll(
      KafkaConsumer<byte[], byte[]> consumer, List<String> topics, Duration timeout) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException("topic " + topic + " does not exist");
      }
      infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
    }
    consumer.assign(partitions);
    return partitions;
  }

  /** {@link #assignAll}, positioned at the current end: only what is written from now on. */
  static void assignAtEnd(
      KafkaConsumer<byte[], byte[]> consumer, List<String> topics, Duration timeout) {
    List<TopicPartition> partitions = assignAll(consumer, topics, timeout);
    consumer.seekToEnd(partitions);
    // seekToEnd is lazy: resolve the positions now, before anything is written.
    partitions.forEach(p -> consumer.position(p, timeout));
  }
}
