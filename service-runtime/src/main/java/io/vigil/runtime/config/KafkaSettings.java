package io.vigil.runtime.config;

import java.util.HashMap;
import java.util.Map;

/**
 * What every service needs to reach Kafka: the pass-through client properties (at least {@code
 * bootstrap.servers}), the topic prefix, and whether and how to create missing topics.
 *
 * @param clientProperties {@code KAFKA_*} / {@code kafka.*} settings, unchanged
 * @param topicPrefix {@code vigil.topic.prefix}, prepended to every topic name
 * @param createTopics {@code vigil.topics.create}: create missing topics at start
 * @param partitions {@code vigil.topics.partitions} for created topics
 * @param replicationFactor {@code vigil.topics.replication.factor} for created topics
 */
public record KafkaSettings(
    Map<String, String> clientProperties,
    String topicPrefix,
    boolean createTopics,
    int partitions,
    short replicationFactor) {

  public KafkaSettings {
    clientProperties = Map.copyOf(clientProperties);
  }

  public static KafkaSettings from(Settings settings) {
    Map<String, String> client = settings.kafkaProperties();
    if (!client.containsKey("bootstrap.servers")) {
      settings.problem("kafka.bootstrap.servers (KAFKA_BOOTSTRAP_SERVERS) is required");
    }
    return new KafkaSettings(
        client,
        settings.string("vigil.topic.prefix", ""),
        settings.bool("vigil.topics.create", true),
        settings.integer("vigil.topics.partitions", 3, 1, 10_000),
        (short) settings.integer("vigil.topics.replication.factor", 1, 1, 32));
  }

  public String bootstrapServers() {
    return clientProperties.get("bootstrap.servers");
  }

  /** The client properties as a mutable map a client factory can add its own settings to. */
  public Map<String, Object> clientConfig() {
    return new HashMap<>(clientProperties);
  }
}
