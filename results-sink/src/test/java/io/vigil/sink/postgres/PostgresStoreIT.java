package io.vigil.sink.postgres;

import static io.vigil.sink.TestAnomalies.anomaly;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.localstack.LocalStack;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.Expected;
import io.vigil.schemas.anomaly.Severity;
import io.vigil.schemas.anomaly.SourcePosition;
import io.vigil.sink.consume.BatchWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@WithLocalStack
class PostgresStoreIT {
  private final LocalStack stack;
  private final String schema = "it_" + UUID.randomUUID().toString().substring(0, 8);
  private final List<PostgresStore> stores = new ArrayList<>();

  PostgresStoreIT(LocalStack stack) {
    this.stack = stack;
  }

  @AfterEach
  void closeStores() {
    stores.forEach(PostgresStore::close);
  }

  @Test
  void shouldInsertEachAnomalyOnceHoweverOftenItIsWritten() throws SQLException {
    PostgresStore store = open();
    BatchWriter<Anomaly> writer = store.writer();
    List<Anomaly> batch =
        List.of(anomaly("a", 1), anomaly("a", 2), anomaly("b", 1), anomaly("a", 1));

    writer.write(batch);
    writer.write(batch);
    writer.write(List.of(anomaly("b", 1), anomaly("c", 1)));

    assertThat(count(store, "SELECT count(*) FROM anomalies")).isEqualTo(4);
    assertThat(count(store, "SELECT count(DISTINCT id) FROM anomalies")).isEqualTo(4);
  }

  @Test
  void shouldStoreEveryFieldOfAnAnomaly() throws SQLException {
    PostgresStore store = open();
    Instant time = Instant.parse("2026-03-01T12:00:00.123456Z");
    Anomaly anomaly =
        new Anomaly(
            "id-1",
            "host-1/cpu",
            time,
            time.plusSeconds(1),
            0.42,
            Severity.MEDIUM,
            "rcf",
            3,
            Map.of("cpu", 97.5, "mem", 12.0),
            Map.of("cpu", new Expected(50.0, 40.0, 60.0)),
            Map.of("cpu", 0.9, "mem", 0.1),
            new SourcePosition("events", 2, 1234),
            Map.of("dc", "eu\u0000west"),
            "value 97.5 is outside the expected band [40, 60] around 50\u0000");

    store.writer().write(List.of(anomaly));

    try (Connection connection = store.dataSource().getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT key, event_time, detected_at, score, severity, detector, model_version,"
                    + " observed_values->>'cpu', expected->'cpu'->>'upper', attribution->>'mem',"
                    + " tags->>'dc', source_topic, source_partition, source_offset, inserted_at,"
                    + " explanation FROM anomalies WHERE id = ?")) {
      select.setString(1, "id-1");
      try (ResultSet rs = select.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("host-1/cpu");
        assertThat(rs.getObject(2, OffsetDateTime.class).toInstant()).isEqualTo(time);
        assertThat(rs.getObject(3, OffsetDateTime.class).toInstant())
            .isEqualTo(time.plusSeconds(1));
        assertThat(rs.getDouble(4)).isEqualTo(0.42);
        assertThat(rs.getString(5)).isEqualTo("medium");
        assertThat(rs.getString(6)).isEqualTo("rcf");
        assertThat(rs.getInt(7)).isEqualTo(3);
        assertThat(rs.getString(8)).isEqualTo("97.5");
        assertThat(rs.getString(9)).isEqualTo("60.0");
        assertThat(rs.getString(10)).isEqualTo("0.1");
        assertThat(rs.getString(11)).isEqualTo("eu\uFFFDwest");
        assertThat(rs.getString(12)).isEqualTo("events");
        assertThat(rs.getInt(13)).isEqualTo(2);
        assertThat(rs.getLong(14)).isEqualTo(1234);
        assertThat(rs.getObject(15, OffsetDateTime.class)).isNotNull();
        assertThat(rs.getString(16))
            .isEqualTo("value 97.5 is outside the expected band [40, 60] around 50\uFFFD");
      }
    }
  }

  @Test
  void shouldMigrateOnceWhenSeveralInstancesMigrateAtOnce() throws Exception {
    int instances = 4;
    List<PostgresStore> racing = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      racing.add(open());
    }
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(instances);
    try {
      List<CompletableFuture<Void>> migrations =
          racing.stream()
              .map(
                  store ->
                      CompletableFuture.runAsync(
                          () -> {
                            awaitQuietly(go);
                            store.migrate();
                          },
                          pool))
              .toList();
      go.countDown();

      CompletableFuture.allOf(migrations.toArray(CompletableFuture[]::new))
          .get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    PostgresStore any = racing.get(0);
    assertThat(
            count(
                any, "SELECT count(*) FROM flyway_schema_history WHERE version = '1' AND success"))
        .isEqualTo(1);
    assertThat(count(any, "SELECT count(*) FROM anomalies")).isZero();
    assertThat(any.health().up()).isTrue();
  }

  @Test
  void shouldReportDownWhilePostgresIsUnreachable() {
    PostgresStore store =
        track(
            PostgresStore.open(
                settings("jdbc:postgresql://127.0.0.1:1/nowhere"), new SimpleMeterRegistry()));

    assertThat(store.health().up()).isFalse();
  }

  private PostgresStore open() {
    return track(PostgresStore.open(settings(stack.jdbcUrl()), new SimpleMeterRegistry()));
  }

  private PostgresStore track(PostgresStore store) {
    stores.add(store);
    return store;
  }

  private PostgresSettings settings(String url) {
    return new PostgresSettings(
        url,
        stack.jdbcUser(),
        stack.jdbcPassword(),
        schema,
        2,
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        "unused");
  }

  private static long count(PostgresStore store, String sql) throws SQLException {
    try (Connection connection = store.dataSource().getConnection();
        ResultSet rs = connection.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
