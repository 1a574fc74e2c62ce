package io.vigil.sink;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vigil.localstack.LocalStack;
import io.vigil.runtime.config.Settings;
import io.vigil.runtime.kafka.TopicProvisioner;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.topic.Topic;
import io.vigil.schemas.topic.Topics;
import io.vigil.sink.redis.RedisKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One integration test's own corner of the shared local stack: a unique topic prefix, PostgreSQL
 * schema, Redis key prefix and consumer groups, and the clients to feed and inspect them.
 */
final class SinkFixture implements AutoCloseable {
  static final int PARTITIONS = 3;

  private final LocalStack stack;
  private final String name;
  private final Topic<String, Anomaly> topic;
  private final RedisKeys keys;
  private final Admin admin;
  private final KafkaProducer<String, byte[]> producer;
  private final RedisClient redisClient;
  private final StatefulRedisConnection<String, String> redis;
  private final HttpClient http = HttpClient.newHttpClient();

  private final java.util.List<SinkApplication> apps = new java.util.ArrayList<>();

  SinkFixture(LocalStack stack) {
    this.stack = stack;
    this.name = "it_" + UUID.randomUUID().toString().substring(0, 8);
    this.topic = Topics.withPrefix(name + ".").anomalies();
    this.keys = new RedisKeys(name + ":");
    this.admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()));
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new ByteArraySerializer());
    this.redisClient = RedisClient.create(stack.redisUri());
    this.redis = redisClient.connect();
  }

  /** Settings of a sink confined to this fixture; fast retries and a free admin port. */
  Map<String, String> settings() {
    Map<String, String> settings = new HashMap<>();
    settings.put("kafka.bootstrap.servers", stack.kafkaBootstrapServers());
    settings.put("vigil.topic.prefix", name + ".");
    settings.put("vigil.topics.partitions", Integer.toString(PARTITIONS));
    settings.put("vigil.http.port", "0");
    settings.put("vigil.sink.jdbc.url", stack.jdbcUrl());
    if (stack.jdbcUser() != null) {
      settings.put("vigil.sink.jdbc.user", stack.jdbcUser());
    }
    if (stack.jdbcPassword() != null) {
      settings.put("vigil.sink.jdbc.password", stack.jdbcPassword());
    }
    settings.put("vigil.sink.jdbc.schema", name);
    settings.put("vigil.sink.redis.uri", stack.redisUri());
    settings.put("vigil.sink.redis.key.prefix", keys.prefix());
    settings.put("vigil.sink.postgres.group", postgresGroup());
    settings.put("vigil.sink.redis.group", redisGroup());
    settings.put("vigil.sink.poll.timeout", "100ms");
    settings.put("vigil.sink.retry.backoff.initial", "100ms");
    settings.put("vigil.sink.retry.backoff.max", "1s");
    settings.put("vigil.sink.client.metrics.refresh", "1s");
    // Test anomalies are from early 2026: a purge run during a long test would delete them.
    settings.put("vigil.sink.postgres.retention", "0");
    return settings;
  }

  SinkConfig config() {
    return SinkConfig.from(Settings.of(settings()));
  }

  String name() {
    return name;
  }

  String schema() {
    return name;
  }

  String postgresGroup() {
    return name + "-postgres";
  }

  String redisGroup() {
    return name + "-redis";
  }

  Topic<String, Anomaly> topic() {
    return topic;
  }

  RedisKeys keys() {
    return keys;
  }

  StatefulRedisConnection<String, String> redis() {
    return redis;
  }

  void createTopic() {
    new TopicProvisioner(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))
        .ensure(List.of(new NewTopic(topic.name(), PARTITIONS, (short) 1)));
  }

  void send(List<Anomaly> anomalies) {
    anomalies.forEach(a -> sendRaw(a.key(), TestAnomalies.bytes(a)));
    producer.flush();
  }

  /**
   * Sends without waiting for each acknowledgement, then waits for all of them; sends that failed
   * (e.g. while a new topic's leaders are being elected) are sent again one by one. The sink takes
   * a duplicate in its stride, a lost record would fail the test.
   */
  void sendAll(List<Anomaly> anomalies) {
    List<Future<RecordMetadata>> acks = new ArrayList<>(anomalies.size());
    anomalies.forEach(
        a ->
            acks.add(
                producer.send(
                    new ProducerRecord<>(topic.name(), a.key(), TestAnomalies.bytes(a)))));
    producer.flush();
    for (int i = 0; i < acks.size(); i++) {
      try {
        acks.get(i).get();
      } catch (ExecutionException e) {
        sendRaw(anomalies.get(i).key(), TestAnomalies.bytes(anomalies.get(i)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  RedisClient redisClient() {
    return redisClient;
  }

  void sendRaw(String key, byte[] value) {
    sendRaw(topic.name(), key, value);
  }

  /** Sends one record to any topic and waits for its acknowledgement. */
  void sendRaw(String topicName, String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topicName, key, value)).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException("send failed", e);
    }
  }

  /** Rows in this fixture's anomalies table; 0 while the table does not exist yet. */
  long rows() {
    if (!tableExists()) {
      return 0;
    }
    return query(
        "SELECT count(*) FROM " + name + ".anomalies", rs -> rs.next() ? rs.getLong(1) : 0);
  }

  Set<String> ids() {
    return query(
        "SELECT id FROM " + name + ".anomalies",
        rs -> {
          Set<String> ids = new HashSet<>();
          while (rs.next()) {
            ids.add(rs.getString(1));
          }
          return ids;
        });
  }

  <T> T query(String sql, SqlReader<T> reader) {
    try (Connection connection =
            DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      return reader.read(rs);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  void execute(String sql) {
    try (Connection connection =
            DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** A query result reader that may throw SQLException. */
  @FunctionalInterface
  interface SqlReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  boolean tableExists() {
    return query(
        "SELECT to_regclass('" + name + ".anomalies') IS NOT NULL",
        rs -> rs.next() && rs.getBoolean(1));
  }

  Optional<Anomaly> latest(String seriesKey) {
    return Optional.ofNullable(redis.sync().get(keys.latest(seriesKey))).map(TestAnomalies::read);
  }

  /**
   * The group's lag over the topic's partitions: read-committed end offsets minus committed
   * offsets, a partition without a committed offset counting from 0.
   */
  long lag(String group) {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetSpec> request =
          partitions().stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
      return admin
          .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
          .all()
          .get()
          .entrySet()
          .stream()
          .mapToLong(
              e -> {
                OffsetAndMetadata done = committed.get(e.getKey());
                return e.getValue().offset() - (done == null ? 0 : done.offset());
              })
          .sum();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("cannot read lag of " + group, e);
    }
  }

  /** Moves an idle group back to the start of every partition: everything is delivered again. */
  void rewind(String group) throws InterruptedException, ExecutionException {
    admin
        .alterConsumerGroupOffsets(
            group,
            partitions().stream().collect(Collectors.toMap(p -> p, p -> new OffsetAndMetadata(0))))
        .all()
        .get();
  }

  private List<TopicPartition> partitions() {
    return IntStream.range(0, PARTITIONS)
        .mapToObj(p -> new TopicPartition(topic.name(), p))
        .toList();
  }

  HttpResponse<String> get(int port, String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Keeps {@code app} to be closed with the fixture, before the fixture's own clients. */
  SinkApplication track(SinkApplication app) {
    apps.add(app);
    return app;
  }

  /** The applications started by the test, in start order. */
  java.util.List<SinkApplication> apps() {
    return java.util.List.copyOf(apps);
  }

  @Override
  public void close() {
    apps.forEach(SinkApplication::close);
    producer.close();
    admin.close();
    redis.close();
    redisClient.shutdown();
  }
}
