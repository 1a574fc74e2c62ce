package io.vigil.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vigil.localstack.junit.WithLocalStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@WithLocalStack
class LocalStackIT {

  /** Generous: the machine is shared and may be loaded (LOCAL-STACK-FACTS §1). */
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final LocalStack stack;

  LocalStackIT(LocalStack stack) {
    this.stack = stack;
  }

  @Test
  void shouldServeKafkaWithExactlyOnceTransactions() throws Exception {
    String topic = createTopic("eos");

    try (KafkaProducer<String, String> producer = transactionalProducer()) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "committed-1"));
      producer.send(new ProducerRecord<>(topic, "k", "committed-2"));
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "aborted-1"));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "committed-3"));
      producer.commitTransaction();
    }

    assertThat(readAll(topic, "read_committed"))
        .containsExactly("committed-1", "committed-2", "committed-3");
    assertThat(readAll(topic, "read_uncommitted")).contains("aborted-1");
  }

  @Test
  void shouldRefuseToAutoCreateTopics() throws Exception {
    try (Admin admin = admin()) {
      String topic = "auto-" + UUID.randomUUID();
      try (KafkaProducer<String, String> producer =
          producer(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000))) {
        assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "v")).get())
            .hasMessageContaining("not present in metadata");
      }
      assertThat(admin.listTopics().names().get()).doesNotContain(topic);
    }
  }

  @Test
  void shouldServePostgres() throws SQLException {
    String table = "t_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection connection = postgres();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, name TEXT NOT NULL)");
      statement.executeUpdate("INSERT INTO " + table + " VALUES (1, 'vigil')");
      try (ResultSet rows = statement.executeQuery("SELECT name FROM " + table + " WHERE id = 1")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("vigil");
      }
    }
  }

  @Test
  void shouldServeRedis() {
    RedisClient client = RedisClient.create(stack.redisUri());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      connection.sync().set("vigil:serve", "ok");
      assertThat(connection.sync().get("vigil:serve")).isEqualTo("ok");
    } finally {
      client.shutdown();
    }
  }

  @Test
  void shouldKeepDataAcrossPostgresRestart() throws SQLException {
    String table = "r_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection connection = postgres();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY)");
      statement.executeUpdate("INSERT INTO " + table + " VALUES (42)");
    }

    stack.postgres().stop();
    assertThatThrownBy(this::postgres).isInstanceOf(SQLException.class);
    stack.postgres().restart();

    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              try (Connection connection = postgres();
                  Statement statement = connection.createStatement();
                  ResultSet rows = statement.executeQuery("SELECT id FROM " + table)) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(42);
              }
            });
  }

  @Test
  void shouldKeepDataAcrossRedisRestart() {
    RedisClient client = RedisClient.create(stack.redisUri());
    try {
      try (StatefulRedisConnection<String, String> connection = client.connect()) {
        connection.sync().set("vigil:restart", "survived");
      }

      stack.redis().stop();
      assertThatThrownBy(client::connect).isInstanceOf(Exception.class);
      stack.redis().restart();

      await()
          .atMost(WAIT)
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                try (StatefulRedisConnection<String, String> connection = client.connect()) {
                  assertThat(connection.sync().get("vigil:restart")).isEqualTo("survived");
                }
              });
    } finally {
      client.shutdown();
    }
  }

  @Test
  void shouldRecoverKafkaAfterRestart() throws Exception {
    String topic = createTopic("restart");
    try (KafkaProducer<String, String> producer = producer(Map.of())) {
      producer.send(new ProducerRecord<>(topic, "k", "before")).get();
    }

    stack.kafka().stop();
    stack.kafka().restart();

    // The restarted broker may need a moment to load its logs and become leader again.
    try (KafkaProducer<String, String> producer = producer(Map.of())) {
      await()
          .atMost(WAIT)
          .ignoreExceptions()
          .until(() -> producer.send(new ProducerRecord<>(topic, "k", "after")).get() != null);
    }
    assertThat(readAll(topic, "read_committed")).startsWith("before").contains("after");
  }

  private String createTopic(String prefix) throws Exception {
    String topic = prefix + "-" + UUID.randomUUID();
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    return topic;
  }

  /** Reads the single partition from the start up to its end offset for this isolation level. */
  private List<String> readAll(String topic, String isolationLevel) {
    TopicPartition partition = new TopicPartition(topic, 0);
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                isolationLevel,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.assign(Set.of(partition));
      consumer.seekToBeginning(Set.of(partition));
      long end = consumer.endOffsets(Set.of(partition)).get(partition);
      List<String> values = new ArrayList<>();
      await()
          .atMost(WAIT)
          .until(
              () -> {
                for (ConsumerRecord<String, String> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  values.add(record.value());
                }
                return consumer.position(partition) >= end;
              });
      return values;
    }
  }

  private KafkaProducer<String, String> transactionalProducer() {
    return producer(
        Map.of(
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "local-stack-it-" + UUID.randomUUID(),
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true));
  }

  private KafkaProducer<String, String> producer(Map<String, Object> extra) {
    Map<String, Object> config = new HashMap<>(extra);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  private Admin admin() {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()));
  }

  private Connection postgres() throws SQLException {
    return DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
  }
}
