package io.vigil.sink;

import static io.vigil.sink.TestAnomalies.anomaly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.localstack.LocalStack;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.runtime.config.Settings;
import io.vigil.schemas.anomaly.Anomaly;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The series operators' dashboards and alerts rely on, scraped from the running sink. */
@WithLocalStack
class SinkMetricsIT {
  private static final Duration WAIT = Duration.ofSeconds(90);

  private final SinkFixture fixture;

  SinkMetricsIT(LocalStack stack) {
    this.fixture = new SinkFixture(stack);
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void shouldServeRedisLatencyPoolBreakerAndPerPartitionLagMetrics() {
    fixture.createTopic();
    Map<String, String> settings = fixture.settings();
    // The purge job runs (its meters exist) but keeps the test's anomalies of early 2026.
    settings.put("vigil.sink.postgres.retention", "3650d");
    SinkApplication app =
        fixture.track(
            SinkApplication.start(SinkConfig.from(Settings.of(settings)), Clock.systemUTC()));
    List<Anomaly> anomalies =
        IntStream.range(0, 30).mapToObj(i -> anomaly("host-" + i + "/cpu", i)).toList();
    fixture.send(anomalies);
    await()
        .atMost(WAIT)
        .until(
            () ->
                fixture.lag(fixture.postgresGroup()) == 0
                    && fixture.lag(fixture.redisGroup()) == 0);

    String topic = "topic=\"" + fixture.topic().name() + "\"";
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              String metrics = fixture.get(app.adminPort(), "/metrics").body();
              assertThat(metrics)
                  .containsPattern(
                      "lettuce_command_completion_seconds_bucket\\{[^}]*command=\"EVALSHA\"")
                  .containsPattern(
                      "lettuce_command_completion_seconds_count\\{[^}]*command=\"EVALSHA\"")
                  .containsPattern(
                      "hikaricp_connections_active\\{[^}]*pool=\"vigil-sink-postgres\"")
                  .containsPattern("hikaricp_connections_max\\{[^}]*pool=\"vigil-sink-postgres\"")
                  .containsPattern(
                      "resilience4j_circuitbreaker_state\\{[^}]*name=\"postgres\"[^}]*state=\"closed\"[^}]*\\} 1\\.0")
                  .containsPattern(
                      "resilience4j_circuitbreaker_state\\{[^}]*name=\"redis\"[^}]*state=\"closed\"[^}]*\\} 1\\.0")
                  .containsPattern(
                      // The test anomalies are from early 2026: far outside the 5 s bucket.
                      "vigil_sink_end_to_end_latency_seconds_bucket\\{[^}]*target=\"postgres\",le=\"5\\.0\"} 0")
                  .containsPattern(
                      "vigil_sink_end_to_end_latency_seconds_count\\{[^}]*target=\"postgres\"[^}]*} 30")
                  .containsPattern(
                      "vigil_sink_end_to_end_latency_seconds_count\\{[^}]*target=\"redis\"[^}]*} 30")
                  .contains("vigil_sink_retention_rows_purged_total")
                  .contains("vigil_sink_retention_runs_total");
              for (String target : List.of("postgres", "redis")) {
                for (int partition = 0; partition < SinkFixture.PARTITIONS; partition++) {
                  assertThat(metrics)
                      .as("lag of partition %d for %s", partition, target)
                      .containsPattern(lagSeries(topic, "partition=\"" + partition + "\"", target));
                }
              }
            });
  }

  @Test
  void shouldKeepReportingAndGrowingTheLagOfAStoppedSinksGroup() {
    fixture.createTopic();
    Map<String, String> writer = fixture.settings();
    writer.put("vigil.sink.redis.enabled", "false");
    SinkApplication postgresSink =
        SinkApplication.start(SinkConfig.from(Settings.of(writer)), Clock.systemUTC());
    // A second instance, writing Redis only, watches the PostgreSQL writer's group from outside.
    Map<String, String> watcher = fixture.settings();
    watcher.put("vigil.sink.postgres.enabled", "false");
    watcher.put("vigil.lag.groups", fixture.postgresGroup());
    watcher.put("vigil.lag.refresh", "200ms");
    SinkApplication watching =
        fixture.track(
            SinkApplication.start(SinkConfig.from(Settings.of(watcher)), Clock.systemUTC()));
    fixture.send(IntStream.range(0, 3).mapToObj(i -> anomaly("a-" + i, i)).toList());
    await().atMost(WAIT).until(() -> reportedLag(watching) == 0 && fixture.rows() == 3);

    postgresSink.close();
    fixture.send(IntStream.range(3, 8).mapToObj(i -> anomaly("b-" + i, i)).toList());
    await().atMost(WAIT).until(() -> reportedLag(watching) == 5);
    fixture.send(IntStream.range(8, 12).mapToObj(i -> anomaly("c-" + i, i)).toList());
    await().atMost(WAIT).until(() -> reportedLag(watching) == 9);

    assertThat(fixture.get(watching.adminPort(), "/metrics").body())
        .containsPattern(
            "vigil_kafka_topic_end_offset\\{[^}]*topic=\"" + fixture.topic().name() + "\"");
  }

  /** The PostgreSQL group's lag summed over partitions, as the watching instance reports it. */
  private long reportedLag(SinkApplication app) {
    String group = "group=\"" + fixture.postgresGroup() + "\"";
    return fixture
        .get(app.adminPort(), "/metrics")
        .body()
        .lines()
        .filter(line -> line.startsWith("vigil_kafka_consumer_group_lag{") && line.contains(group))
        .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .reduce(Long::sum)
        .orElse(-1);
  }

  /** Label order in the exposition is alphabetical: partition, ..., target, topic. */
  private static String lagSeries(String topic, String partition, String target) {
    return "kafka_consumer_fetch_manager_records_lag\\{[^}]*"
        + partition
        + "[^}]*target=\""
        + target
        + "\"[^}]*"
        + topic
        + "[^}]*\\} ";
  }
}
