package io.vigil.processor.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Which task owns a series key: the one of partition {@code murmur2(key) % partitions}, the
 * partition Java's default partitioner (and Kafka Streams' repartition sink) gives the key's UTF-8
 * bytes. An event read from that partition of the events topic is scored where it was read; any
 * other event (null or foreign record key, another partitioner such as librdkafka's CRC32 default,
 * an events partition beyond the scoring partitions) takes the repartition hop to that partition,
 * so every key has exactly one owner whichever way it arrived.
 *
 * @param partitions partitions of the scoring sub-topology: the events topic's and the repartition
 *     topic's
 */
public record Placement(int partitions) {
  public Placement {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
    }
  }

  /** The partition whose task owns {@code key}. */
  public int owner(String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  /** Whether an event of {@code key} read from {@code partition} is already where it belongs. */
  public boolean owns(int partition, String key) {
    return partition < partitions && owner(key) == partition;
  }
}
