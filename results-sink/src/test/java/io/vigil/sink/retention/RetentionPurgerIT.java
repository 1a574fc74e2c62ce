package io.vigil.sink.retention;

import static io.vigil.sink.TestAnomalies.anomaly;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.localstack.LocalStack;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.sink.TestAnomalies;
import io.vigil.sink.postgres.PostgresSettings;
import io.vigil.sink.postgres.PostgresStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@WithLocalStack
class RetentionPurgerIT {
  private static final Instant NOW = TestAnomalies.T0.plus(Duration.ofDays(40));
  private static final Retention RETENTION =
      new Retention(Duration.ofDays(30), Duration.ofHours(1), 7);

  private final LocalStack stack;
  private final String schema = "it_" + UUID.randomUUID().toString().substring(0, 8);
  private final List<PostgresStore> stores = new ArrayList<>();

  RetentionPurgerIT(LocalStack stack) {
    this.stack = stack;
  }

  @AfterEach
  void closeStores() {
    stores.forEach(PostgresStore::close);
  }

  @Test
  void shouldDeleteRowsOlderThanTheRetentionAndKeepRecentOnes() throws SQLException {
    PostgresStore store = open();
    List<Anomaly> old = anomalies("old", TestAnomalies.T0, 25);
    // One second inside the retention: kept.
    List<Anomaly> recent = anomalies("recent", NOW.minus(RETENTION.maxAge()).plusSeconds(1), 10);
    store.writer().write(old);
    store.writer().write(recent);
    MeterRegistry registry = new SimpleMeterRegistry();

    RetentionPurger.Outcome outcome = purger(store, registry, rows -> {}).purge();

    assertThat(outcome.ran()).isTrue();
    assertThat(outcome.rowsPurged()).isEqualTo(25);
    assertThat(outcome.cutoff()).isEqualTo(NOW.minus(RETENTION.maxAge()));
    assertThat(ids(store)).isEqualTo(ids(recent));
    assertThat(registry.get("vigil.sink.retention.rows.purged").counter().count()).isEqualTo(25);
    assertThat(runs(registry, "purged")).isEqualTo(1);
  }

  @Test
  void shouldLetOnlyOneOfTwoConcurrentPurgersRun() throws SQLException {
    // Two sink instances: their own pools on the same schema.
    PostgresStore first = open();
    PostgresStore second = open();
    List<Anomaly> old = anomalies("old", TestAnomalies.T0, 20);
    first.writer().write(old);
    MeterRegistry secondRegistry = new SimpleMeterRegistry();
    RetentionPurger secondPurger = purger(second, secondRegistry, rows -> {});
    List<RetentionPurger.Outcome> secondOutcomes = new ArrayList<>();
    List<Long> rowsWhileSecondTried = new ArrayList<>();

    // The second instance tries to purge while the first is between two of its batches.
    RetentionPurger.Outcome firstOutcome =
        purger(
                first,
                new SimpleMeterRegistry(),
                rows -> {
                  if (secondOutcomes.isEmpty()) {
                    secondOutcomes.add(secondPurger.purge());
                    rowsWhileSecondTried.add(count(second));
                  }
                })
            .purge();

    assertThat(firstOutcome.ran()).isTrue();
    assertThat(firstOutcome.rowsPurged()).isEqualTo(20);
    assertThat(secondOutcomes)
        .singleElement()
        .extracting(RetentionPurger.Outcome::ran)
        .isEqualTo(false);
    // The second one deleted nothing: only the first batch of 7 was gone when it tried.
    assertThat(rowsWhileSecondTried).containsExactly(13L);
    assertThat(runs(secondRegistry, "skipped")).isEqualTo(1);
    assertThat(count(first)).isZero();
    // The first released the lock: the next run of the second one goes ahead.
    assertThat(secondPurger.purge().ran()).isTrue();
    assertThat(runs(secondRegistry, "purged")).isEqualTo(1);
  }

  @Test
  void shouldCountAFailedRunWhenPostgresIsUnreachable() {
    PostgresStore unreachable =
        track(
            PostgresStore.open(
                settings("jdbc:postgresql://127.0.0.1:1/nowhere"), new SimpleMeterRegistry()));
    MeterRegistry registry = new SimpleMeterRegistry();
    RetentionPurger purger = purger(unreachable, registry, rows -> {});

    purger.runLogged();

    assertThat(runs(registry, "failed")).isEqualTo(1);
  }

  private RetentionPurger purger(
      PostgresStore store, MeterRegistry registry, IntConsumer afterBatch) {
    return new RetentionPurger(
        store.dataSource(),
        schema,
        store::migrate,
        RETENTION,
        Duration.ofSeconds(10),
        registry,
        Clock.fixed(NOW, ZoneOffset.UTC),
        afterBatch);
  }

  private static double runs(MeterRegistry registry, String result) {
    return registry.get("vigil.sink.retention.runs").tag("result", result).counter().count();
  }

  private static List<Anomaly> anomalies(String key, Instant from, int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> anomaly(key, from.plusSeconds(i)))
        .collect(Collectors.toList());
  }

  private static Set<String> ids(List<Anomaly> anomalies) {
    return anomalies.stream().map(Anomaly::id).collect(Collectors.toSet());
  }

  private static Set<String> ids(PostgresStore store) throws SQLException {
    try (Connection connection = store.dataSource().getConnection();
        ResultSet rs = connection.createStatement().executeQuery("SELECT id FROM anomalies")) {
      Set<String> ids = new HashSet<>();
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
      return ids;
    }
  }

  private static long count(PostgresStore store) {
    try (Connection connection = store.dataSource().getConnection();
        ResultSet rs =
            connection.createStatement().executeQuery("SELECT count(*) FROM anomalies")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
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
        "unused",
        RETENTION,
        null,
        null);
  }
}
