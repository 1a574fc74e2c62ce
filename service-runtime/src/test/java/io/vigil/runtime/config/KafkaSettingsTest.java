package io.vigil.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {
  @Test
  void shouldUseDefaultsBesideTheBootstrapServers() {
    Settings settings = Settings.load(Map.of("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"));

    KafkaSettings kafka = KafkaSettings.from(settings);

    assertThatCode(settings::validate).doesNotThrowAnyException();
    assertThat(kafka.bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(kafka.topicPrefix()).isEmpty();
    assertThat(kafka.createTopics()).isTrue();
    assertThat(kafka.partitions()).isEqualTo(3);
    assertThat(kafka.replicationFactor()).isEqualTo((short) 1);
  }

  @Test
  void shouldReadTopicSettingsAndPassClientPropertiesThrough() {
    Settings settings =
        Settings.load(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "b1:9093",
                "KAFKA_SECURITY_PROTOCOL", "SSL",
                "VIGIL_TOPIC_PREFIX", "prod.",
                "VIGIL_TOPICS_CREATE", "false",
                "VIGIL_TOPICS_PARTITIONS", "12",
                "VIGIL_TOPICS_REPLICATION_FACTOR", "3"));

    KafkaSettings kafka = KafkaSettings.from(settings);

    assertThat(kafka.clientProperties())
        .containsOnly(
            Map.entry("bootstrap.servers", "b1:9093"), Map.entry("security.protocol", "SSL"));
    assertThat(kafka.topicPrefix()).isEqualTo("prod.");
    assertThat(kafka.createTopics()).isFalse();
    assertThat(kafka.partitions()).isEqualTo(12);
    assertThat(kafka.replicationFactor()).isEqualTo((short) 3);
  }

  @Test
  void shouldRequireBootstrapServersAndListEveryProblem() {
    Settings settings =
        Settings.load(
            Map.of("VIGIL_TOPICS_PARTITIONS", "0", "VIGIL_TOPICS_REPLICATION_FACTOR", "x"));

    KafkaSettings.from(settings);

    assertThatThrownBy(settings::validate)
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        "kafka.bootstrap.servers (KAFKA_BOOTSTRAP_SERVERS) is required",
                        "vigil.topics.partitions (VIGIL_TOPICS_PARTITIONS) must be an integer in [1, 10000], was '0'",
                        "vigil.topics.replication.factor (VIGIL_TOPICS_REPLICATION_FACTOR) must be an integer in [1, 32], was 'x'"));
  }

  @Test
  void shouldHandOutAMutableCopyOfTheClientConfig() {
    KafkaSettings kafka =
        KafkaSettings.from(Settings.of(Map.of("kafka.bootstrap.servers", "localhost:9092")));

    Map<String, Object> config = kafka.clientConfig();
    config.put("group.id", "vigil-sink");

    assertThat(config).containsEntry("bootstrap.servers", "localhost:9092");
    assertThat(kafka.clientProperties()).doesNotContainKey("group.id");
    assertThat(kafka.clientConfig()).doesNotContainKey("group.id");
  }
}
