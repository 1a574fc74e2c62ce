package io.vigil.localstack.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic as a {@code read_committed} consumer would, and tells when it has seen
 * everything there is: no transaction open on any partition and the position at the end.
 */
public final class CommittedReader implements AutoCloseable {
  private final Admin admin;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Set<TopicPartition> partitions;
  private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

  public CommittedReader(String bootstrapServers, String topic, int partitionCount) {
    this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    this.partitions =
        java.util.stream.IntStream.range(0, partitionCount)
            .mapToObj(p -> new TopicPartition(topic, p))
            .collect(Collectors.toSet());
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Polls once and returns every record read so far. */
  public List<ConsumerRecord<String, byte[]>> poll() {
    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    return List.copyOf(records);
  }

  /** True when no transaction is open on the topic and every committed record has been read. */
  public boolean caughtUp() throws ExecutionException, InterruptedException {
    Map<TopicPartition, Long> stable = ends(IsolationLevel.READ_COMMITTED);
    Map<TopicPartition, Long> high = ends(IsolationLevel.READ_UNCOMMITTED);
    for (TopicPartition partition : partitions) {
      if (!stable.get(partition).equals(high.get(partition))
          || consumer.position(partition) < stable.get(partition)) {
        return false;
      }
    }
    return true;
  }

  private Map<TopicPartition, Long> ends(IsolationLevel isolation)
      throws ExecutionException, InterruptedException {
    var request = partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
    return admin
        .listOffsets(request, new ListOffsetsOptions(isolation))
        .all()
        .get()
        .entrySet()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  @Override
  public void close() {
    consumer.close();
    admin.close();
  }
}
