package io.vigil.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.ingest.generate.AnomalyKind;
import io.vigil.ingest.generate.EventTimeMode;
import io.vigil.ingest.generate.GeneratorConfig;
import io.vigil.ingest.generate.InjectedAnomaly;
import io.vigil.ingest.generate.SyntheticGenerator;
import io.vigil.localstack.LocalStack;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.localstack.kafka.CommittedReader;
import io.vigil.processor.ProcessorApplication;
import io.vigil.processor.config.ProcessorConfig;
import io.vigil.runtime.config.KafkaSettings;
import io.vigil.runtime.config.Settings;
import io.vigil.runtime.kafka.ConsumerGroupLag;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.serde.JsonSerde;
import io.vigil.schemas.topic.Topics;
import io.vigil.sink.SinkApplication;
import io.vigil.sink.SinkConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline against the real embedded broker, PostgreSQL and Redis: generator → processor
 * → sink, with one injected spike among otherwise normal series.
 */
@WithLocalStack
class EndToEndIT {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final int SERIES = 6;
  private static final int EVENTS_PER_SERIES = 400;
  private static final int PARTITIONS = 3;
  private static final String SPIKED_SERIES = "series-3";

  private final LocalStack stack;
  private final Clock clock = Clock.systemUTC();
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final Topics topics = Topics.withPrefix("e2e-" + run + ".");
  private final String schema = "e2e_" + run;
  private final String redisPrefix = "e2e:" + run + ":";
  private final JsonSerde<Anomaly> anomalySerde = JsonSerde.of(Anomaly.class);
  private Admin admin;

  EndToEndIT(LocalStack stack) {
    this.stack = stack;
  }

  @BeforeEach
  void connect() {
    admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()));
  }

  @AfterEach
  void disconnect() {
    admin.close();
  }

  @Test
  void shouldStoreExactlyTheInjectedSpikeOnceEvenWhenTheInputIsProcessedTwice(
      @TempDir Path stateDir, @TempDir Path reprocessStateDir) throws Exception {
    generateSeriesWithOneSpike();

    String processorId = "e2e-processor-" + run;
    try (SinkApplication sink = SinkApplication.start(sinkConfig(), clock)) {
      try (ProcessorApplication processor = startProcessor(processorId, stateDir)) {
        awaitScored(processor, SERIES * EVENTS_PER_SERIES);
      } // a clean close commits the last transaction
      List<Anomaly> anomalies = committedAnomalies();
      assertThat(anomalies).as("anomalies for the %d series", SERIES).hasSize(1);
      Anomaly spike = anomalies.get(0);
      assertThat(spike.key()).isEqualTo(SPIKED_SERIES);
      assertThat(spike.values().get("value")).isGreaterThan(spike.expected().get("value").upper());

      awaitCaughtUp("e2e-postgres-" + run, topics.anomalies().name());
      awaitCaughtUp("e2e-redis-" + run, topics.anomalies().name());
      assertThat(storedIds()).containsExactly(spike.id());
      assertThat(latestInRedis(SPIKED_SERIES)).isEqualTo(spike);

      // A restart continues from the committed offsets and the restored models: nothing new.
      try (ProcessorApplication restarted = startProcessor(processorId, stateDir)) {
        await().atMost(WAIT).until(() -> restarted.state() == KafkaStreams.State.RUNNING);
        awaitCaughtUp(processorId, topics.events().name());
        assertThat(restarted.eventsScored()).as("events scored again after restart").isZero();
      }
      assertThat(committedAnomalies()).containsExactly(spike);

      // A second application reads the same input from the start: the same anomaly again, with
      // the same id, and the sink still stores it once.
      String reprocessorId = "e2e-reprocessor-" + run;
      try (ProcessorApplication reprocessor = startProcessor(reprocessorId, reprocessStateDir)) {
        awaitScored(reprocessor, SERIES * EVENTS_PER_SERIES);
      }
      assertThat(committedAnomalies())
          .extracting(Anomaly::id)
          .containsExactly(spike.id(), spike.id());
      awaitCaughtUp("e2e-postgres-" + run, topics.anomalies().name());
      awaitCaughtUp("e2e-redis-" + run, topics.anomalies().name());
      assertThat(storedIds()).containsExactly(spike.id());
      assertThat(latestInRedis(SPIKED_SERIES)).isEqualTo(spike);
    }
  }

  private void generateSeriesWithOneSpike() {
    GeneratorConfig config =
        GeneratorConfig.builder()
            .seriesCount(SERIES)
            .eventsPerSecond(0)
            .maxEvents((long) SERIES * EVENTS_PER_SERIES)
            .anomalyRate(0)
            .timeMode(EventTimeMode.SIMULATED)
            .seed(42)
            .inject(InjectedAnomaly.atIndex(SPIKED_SERIES, 300, AnomalyKind.SPIKE, 40))
            .build();
    try (SyntheticGenerator generator =
        SyntheticGenerator.start(
            config, KafkaSettings.from(settings(Map.of())), new SimpleMeterRegistry(), clock)) {
      assertThat(generator.awaitCompletion(WAIT)).as("generation finished").isTrue();
      assertThat(generator.eventsSent()).isEqualTo((long) SERIES * EVENTS_PER_SERIES);
    }
  }

  private ProcessorApplication startProcessor(String applicationId, Path stateDir) {
    return ProcessorApplication.start(
        ProcessorConfig.from(
            settings(
                Map.of(
                    "vigil.processor.application.id",
                    applicationId,
                    "vigil.processor.state.dir",
                    stateDir.toString(),
                    // The pipeline's delivery guarantees are under test here, on the small EWMA
                    // setup; the default ensemble is checked against KeyScorer and NAB elsewhere.
                    "vigil.processor.detector",
                    "ewma",
                    "vigil.http.port",
                    "0"))),
        clock);
  }

  private SinkConfig sinkConfig() {
    return SinkConfig.from(
        settings(
            Map.of(
                "vigil.sink.jdbc.url",
                stack.jdbcUrl(),
                "vigil.sink.jdbc.user",
                stack.jdbcUser(),
                "vigil.sink.jdbc.password",
                stack.jdbcPassword(),
                "vigil.sink.jdbc.schema",
                schema,
                "vigil.sink.redis.uri",
                stack.redisUri(),
                "vigil.sink.redis.key.prefix",
                redisPrefix,
                "vigil.sink.postgres.group",
                "e2e-postgres-" + run,
                "vigil.sink.redis.group",
                "e2e-redis-" + run,
                "vigil.http.port",
                "0")));
  }

  private Settings settings(Map<String, String> specific) {
    Map<String, String> values = new HashMap<>(specific);
    values.put("kafka.bootstrap.servers", stack.kafkaBootstrapServers());
    values.put("vigil.topic.prefix", topics.prefix());
    values.put("vigil.topics.partitions", Integer.toString(PARTITIONS));
    return Settings.of(values);
  }

  private static void awaitScored(ProcessorApplication processor, long events) {
    await().atMost(WAIT).until(() -> processor.eventsScored() >= events);
  }

  /**
   * Waits until the group has committed every record of every partition of {@code topic}. Only for
   * topics written without transactions: a transaction's commit marker takes an offset that a
   * consumer commits past only once it has fetched the marker (the sink does, through the client's
   * next offsets).
   */
  private void awaitCaughtUp(String groupId, String topic) {
    ConsumerGroupLag lag = new ConsumerGroupLag(admin, Duration.ofSeconds(10));
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () ->
                assertThat(lag.lag(groupId, topic))
                    .as("lag of %s on %s", groupId, topic)
                    .hasSize(PARTITIONS)
                    .allSatisfy((partition, behind) -> assertThat(behind).isZero()));
  }

  private List<Anomaly> committedAnomalies() {
    try (CommittedReader reader =
        new CommittedReader(stack.kafkaBootstrapServers(), topics.anomalies().name(), PARTITIONS)) {
      await().atMost(WAIT).until(() -> !reader.poll().isEmpty() && reader.caughtUp());
      return reader.poll().stream()
          .map(ConsumerRecord::value)
          .map(anomalySerde::fromBytes)
          .toList();
    }
  }

  private List<String> storedIds() throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery("select id from " + schema + ".anomalies order by id")) {
      List<String> ids = new java.util.ArrayList<>();
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
      return ids;
    }
  }

  private Anomaly latestInRedis(String seriesKey) {
    RedisClient client = RedisClient.create(stack.redisUri());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      String json = connection.sync().get(redisPrefix + "anomaly:latest:" + seriesKey);
      assertThat(json).as("latest anomaly of %s in Redis", seriesKey).isNotNull();
      return anomalySerde.fromBytes(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } finally {
      client.shutdown();
    }
  }
}
