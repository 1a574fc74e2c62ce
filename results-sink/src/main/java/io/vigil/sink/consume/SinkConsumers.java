package io.vigil.sink.consume;

import io.vigil.runtime.config.KafkaSettings;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Builds the sink's Kafka consumers: one per target, each in its own consumer group. */
public final class SinkConsumers {
  private SinkConsumers() {}

  /**
   * The pass-through client properties plus what the sink's guarantees rest on, which therefore
   * cannot be overridden: manual commits, {@code read_committed} (no anomalies of aborted
   * transactions) and one batch per poll. A new group starts at the earliest offset unless {@code
   * auto.offset.reset} says otherwise, so anomalies produced before the first start are kept.
   */
  public static Map<String, Object> config(KafkaSettings kafka, String groupId, int batchSize) {
    Map<String, Object> config = kafka.clientConfig();
    config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batchSize);
    // The deserialisers are passed as instances; configured class names would be ignored anyway.
    config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
    config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
    return config;
  }

  /** Values stay bytes: decoding happens in the loop, where a bad record can be skipped. */
  public static KafkaConsumer<String, byte[]> create(
      KafkaSettings kafka, String groupId, int batchSize) {
    return new KafkaConsumer<>(
        config(kafka, groupId, batchSize), new StringDeserializer(), new ByteArrayDeserializer());
  }
}
