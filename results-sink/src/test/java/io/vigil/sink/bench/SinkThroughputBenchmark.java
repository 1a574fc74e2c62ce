package io.vigil.sink.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.localstack.LocalStack;
import io.vigil.runtime.config.Settings;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.topic.Topics;
import io.vigil.sink.SinkApplication;
import io.vigil.sink.SinkConfig;
import io.vigil.sink.TestAnomalies;
import io.vigil.sink.consume.AnomalyWriter;
import io.vigil.sink.postgres.PostgresSettings;
import io.vigil.sink.postgres.PostgresStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Not a test: sustained anomalies/s from the anomalies topic into PostgreSQL (Redis target off), on
 * the embedded local stack. The topic is filled first, then the sink is started and timed until
 * every row is in the table, so the figure is the sink's drain rate, not the producer's. The
 * baseline, run in the same process on the same database, is the PostgreSQL writer alone (the same
 * anomalies in batches of the same size, no Kafka, no breaker): the ratio shows what consuming,
 * decoding and committing cost on top of the database write.
 *
 * <p>Arguments: {@code [anomalies (default 200000)] [batch size (default 500)]}. Run with the test
 * classpath, e.g. {@code java -cp
 * "results-sink/target/test-classes:results-sink/target/classes:$(cat cp.txt)"
 * io.vigil.sink.bench.SinkThroughputBenchmark 200000 500}.
 */
public final class SinkThroughputBenchmark {
  private static final int KEYS = 1_000;

  private SinkThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    try (LocalStack stack = LocalStack.start()) {
      String prefix = "bench" + System.currentTimeMillis() % 100_000;
      String topic = Topics.withPrefix(prefix + ".").anomalies().name();
      Map<String, String> settings = new HashMap<>();
      settings.put("kafka.bootstrap.servers", stack.kafkaBootstrapServers());
      settings.put("vigil.topic.prefix", prefix + ".");
      settings.put("vigil.topics.partitions", "3");
      settings.put("vigil.http.port", "0");
      settings.put("vigil.sink.redis.enabled", "false");
      settings.put("vigil.sink.jdbc.url", stack.jdbcUrl());
      if (stack.jdbcUser() != null) {
        settings.put("vigil.sink.jdbc.user", stack.jdbcUser());
      }
      if (stack.jdbcPassword() != null) {
        settings.put("vigil.sink.jdbc.password", stack.jdbcPassword());
      }
      settings.put("vigil.sink.jdbc.schema", prefix);
      settings.put("vigil.sink.batch.size", Integer.toString(batchSize));
      // The anomalies are from early 2026: no purge may run while rows are counted.
      settings.put("vigil.sink.postgres.retention", "0");
      SinkConfig config = SinkConfig.from(Settings.of(settings));

      // Start once to create the topic and schema, then stop and fill the topic.
      SinkApplication.start(config, Clock.systemUTC()).close();
      try (KafkaProducer<String, byte[]> producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  stack.kafkaBootstrapServers(),
                  ProducerConfig.LINGER_MS_CONFIG,
                  20),
              new StringSerializer(),
              new ByteArraySerializer())) {
        for (int i = 0; i < count; i++) {
          Anomaly anomaly = TestAnomalies.anomaly("series-" + (i % KEYS), i);
          producer.send(new ProducerRecord<>(topic, anomaly.key(), TestAnomalies.bytes(anomaly)));
        }
        producer.flush();
      }

      long started = System.nanoTime();
      try (SinkApplication sink = SinkApplication.start(config, Clock.systemUTC())) {
        while (rows(stack, prefix) < count) {
          LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      double rate = count / seconds;
      System.out.printf(
          "results-sink -> PostgreSQL: %d anomalies in %.1f s = %.0f anomalies/s (batch size %d)%n",
          count, seconds, rate, batchSize);

      String baselineSchema = prefix + "_baseline";
      SinkConfig baselineConfig =
          SinkConfig.from(Settings.of(withSchema(settings, baselineSchema)));
      double baselineRate = writerOnlyRate(baselineConfig, count, batchSize);
      System.out.printf(
          "baseline (PostgreSQL writer alone, same batches): %.0f anomalies/s; sink/baseline = %.2f%n",
          baselineRate, rate / baselineRate);
    }
  }

  private static Map<String, String> withSchema(Map<String, String> settings, String schema) {
    Map<String, String> copy = new HashMap<>(settings);
    copy.put("vigil.sink.jdbc.schema", schema);
    return copy;
  }

  private static double writerOnlyRate(SinkConfig config, int count, int batchSize) {
    PostgresSettings postgres = config.postgres().orElseThrow();
    try (PostgresStore store = PostgresStore.open(postgres, new SimpleMeterRegistry())) {
      store.migrate();
      AnomalyWriter writer = store.writer();
      List<Anomaly> batch = new ArrayList<>(batchSize);
      long started = System.nanoTime();
      for (int i = 0; i < count; i++) {
        batch.add(TestAnomalies.anomaly("series-" + (i % KEYS), i));
        if (batch.size() == batchSize || i == count - 1) {
          writer.write(batch);
          batch.clear();
        }
      }
      return count / ((System.nanoTime() - started) / 1e9);
    }
  }

  private static long rows(LocalStack stack, String schema) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + schema + ".anomalies")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }
}
