package io.vigil.sink.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes anomaly rows whose event time is older than the retention, in batches of at most {@link
 * Retention#batchSize()} rows, each batch its own short transaction.
 *
 * <p>Several sink instances share one table, so a purge first takes a PostgreSQL session-level
 * advisory lock ({@code pg_try_advisory_lock}) keyed by the schema: while one instance purges, the
 * others skip their run instead of deleting the same rows side by side. The lock dies with the
 * session, so a crashed purger never blocks the others for long.
 */
public final class RetentionPurger {
  /** First key of the advisory lock ("VGLR"); the second is the schema's hash. */
  static final int LOCK_CLASS = 0x56474c52;

  static final String DELETE =
      """
      DELETE FROM anomalies WHERE id IN (
          SELECT id FROM anomalies WHERE event_time < ? LIMIT ?)
      """;

  private static final Logger log = LoggerFactory.getLogger(RetentionPurger.class);

  private final DataSource dataSource;
  private final String schema;
  private final Runnable migrate;
  private final Retention retention;
  private final int timeoutSeconds;
  private final Clock clock;
  private final IntConsumer afterBatch;
  private final Counter purged;
  private final Counter runsPurged;
  private final Counter runsSkipped;
  private final Counter runsFailed;

  /**
   * @param dataSource pool whose connections use {@code schema} as search path
   * @param migrate brings the schema up to date (the table must exist before a purge)
   * @param statementTimeout longest one batch delete may run
   */
  public RetentionPurger(
      DataSource dataSource,
      String schema,
      Runnable migrate,
      Retention retention,
      Duration statementTimeout,
      MeterRegistry registry,
      Clock clock) {
    this(dataSource, schema, migrate, retention, statementTimeout, registry, clock, rows -> {});
  }

  /** {@code afterBatch} sees the rows each delete removed, while the lock is still held. */
  RetentionPurger(
      DataSource dataSource,
      String schema,
      Runnable migrate,
      Retention retention,
      Duration statementTimeout,
      MeterRegistry registry,
      Clock clock,
      IntConsumer afterBatch) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.schema = Objects.requireNonNull(schema, "schema");
    this.migrate = Objects.requireNonNull(migrate, "migrate");
    this.retention = Objects.requireNonNull(retention, "retention");
    this.timeoutSeconds = (int) Math.max(1, statementTimeout.toSeconds());
    this.clock = Objects.requireNonNull(clock, "clock");
    this.afterBatch = Objects.requireNonNull(afterBatch, "afterBatch");
    this.purged =
        Counter.builder("vigil.sink.retention.rows.purged")
            .description("Anomaly rows deleted from PostgreSQL because they outlived the retention")
            .register(registry);
    this.runsPurged = runs(registry, "purged");
    this.runsSkipped = runs(registry, "skipped");
    this.runsFailed = runs(registry, "failed");
  }

  private static Counter runs(MeterRegistry registry, String result) {
    return Counter.builder("vigil.sink.retention.runs")
        .description(
            "Retention purge runs: purged (this instance ran), skipped (another instance held the"
                + " lock), failed")
        .tag("result", result)
        .register(registry);
  }

  /** What one purge run did. */
  public record Outcome(boolean ran, long rowsPurged, Instant cutoff) {}

  /**
   * Deletes every row older than the retention if no other instance is purging; throws {@link
   * IllegalStateException} when PostgreSQL fails (rows deleted before the failure stay deleted).
   */
  public Outcome purge() {
    Instant cutoff = clock.instant().minus(retention.maxAge());
    try {
      migrate.run();
      Outcome outcome = purgeBefore(cutoff);
      (outcome.ran() ? runsPurged : runsSkipped).increment();
      return outcome;
    } catch (SQLException | RuntimeException e) {
      runsFailed.increment();
      throw new IllegalStateException("retention purge failed: " + e.getMessage(), e);
    }
  }

  /** For the scheduler: logs instead of throwing, so the next run still happens. */
  public void runLogged() {
    long started = System.nanoTime();
    try {
      Outcome outcome = purge();
      long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
      if (outcome.ran()) {
        log.info(
            "retention: purged {} anomalies with event time before {} (retention {}) in {} ms",
            outcome.rowsPurged(),
            outcome.cutoff(),
            retention.maxAge(),
            millis);
      } else {
        log.info("retention: skipped, another sink instance is purging schema {}", schema);
      }
    } catch (RuntimeException e) {
      log.warn("retention: {}; trying again in {}", e.getMessage(), retention.interval());
    }
  }

  private Outcome purgeBefore(Instant cutoff) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      if (!lock(connection, "pg_try_advisory_lock")) {
        return new Outcome(false, 0, cutoff);
      }
      try {
        return new Outcome(true, deleteAll(connection, cutoff), cutoff);
      } finally {
        unlock(connection);
      }
    }
  }

  private long deleteAll(Connection connection, Instant cutoff) throws SQLException {
    long total = 0;
    try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
      delete.setQueryTimeout(timeoutSeconds);
      delete.setObject(1, cutoff.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
      delete.setInt(2, retention.batchSize());
      int deleted;
      do {
        deleted = delete.executeUpdate();
        total += deleted;
        purged.increment(deleted);
        afterBatch.accept(deleted);
      } while (deleted == retention.batchSize());
    }
    return total;
  }

  /**
   * Releases the lock; if that fails the connection is dropped instead of going back to the pool,
   * because the lock would live on in its session.
   */
  private void unlock(Connection connection) throws SQLException {
    try {
      lock(connection, "pg_advisory_unlock");
    } catch (SQLException e) {
      connection.abort(Runnable::run);
      throw e;
    }
  }

  private boolean lock(Connection connection, String function) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT " + function + "(?, ?)")) {
      statement.setInt(1, LOCK_CLASS);
      statement.setInt(2, lockKey(schema));
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  /** The advisory lock's second key: one lock per schema, so separate deployments never meet. */
  public static int lockKey(String schema) {
    return schema.hashCode();
  }

  public Retention retention() {
    return retention;
  }
}
