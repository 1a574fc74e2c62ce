package io.vigil.sink.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.runtime.http.Health;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.feedback.Feedback;
import io.vigil.sink.consume.BatchWriter;
import io.vigil.sink.feedback.DetectorPrecision;
import io.vigil.sink.query.AnomalyHistory;
import io.vigil.sink.retention.RetentionPurger;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's PostgreSQL side: a connection pool and the schema migrations.
 *
 * <p>The pool opens without a reachable server, and the migrations run at start-up if they can and
 * otherwise before the first write (or readiness probe), so PostgreSQL being down at start-up only
 * holds up the PostgreSQL target. Flyway's lock makes several instances migrating at once safe.
 */
public final class PostgresStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostgresStore.class);
  private static final int VALIDATION_SECONDS = 2;
  private static final String MIGRATIONS = "classpath:db/migration";

  /** The {@code afterMigrate} callback that grants the sink's role its privileges. */
  private static final String GRANTS = "classpath:db/grants";

  private final PostgresSettings settings;
  private final HikariDataSource dataSource;
  private final Flyway flyway;
  private volatile boolean migrated;

  private PostgresStore(PostgresSettings settings, HikariDataSource dataSource) {
    this.settings = settings;
    this.dataSource = dataSource;
    FluentConfiguration flywayConfig =
        Flyway.configure()
            .schemas(settings.schema())
            .defaultSchema(settings.schema())
            .createSchemas(true);
    if (settings.migrationUser() == null) {
      flywayConfig.dataSource(dataSource).locations(MIGRATIONS);
    } else {
      // The owner migrates on its own connection; the pool's user only ever gets the grants.
      flywayConfig
          .dataSource(settings.jdbcUrl(), settings.migrationUser(), settings.migrationPassword())
          .locations(MIGRATIONS, GRANTS)
          .placeholders(Map.of("sink_user", quoteIdentifier(settings.user())));
    }
    this.flyway = flywayConfig.load();
  }

  /** A role name as a quoted SQL identifier, so any name is safe in the GRANT statements. */
  static String quoteIdentifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** Creates the pool (without connecting yet); its meters go to {@code registry}. */
  public static PostgresStore open(PostgresSettings settings, MeterRegistry registry) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("vigil-sink-postgres");
    config.setJdbcUrl(settings.jdbcUrl());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setSchema(settings.schema());
    config.setMaximumPoolSize(settings.poolSize());
    config.setMinimumIdle(1);
    config.setConnectionTimeout(settings.connectTimeout().toMillis());
    // Start even when PostgreSQL is down: writes fail and are retried until it is back.
    config.setInitializationFailTimeout(-1);
    // One multi-row INSERT per batch instead of one round trip per row.
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    config.setMetricRegistry(registry);
    return new PostgresStore(settings, new HikariDataSource(config));
  }

  /** Brings the schema up to date once; later calls return at once. Throws on failure. */
  public void migrate() {
    if (migrated) {
      return;
    }
    synchronized (this) {
      if (!migrated) {
        MigrateResult result = flyway.migrate();
        log.info(
            "PostgreSQL schema {} migrated: {} migrations applied, version {}",
            settings.schema(),
            result.migrationsExecuted,
            result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion);
        migrated = true;
      }
    }
  }

  /**
   * Runs the migrations at start-up if PostgreSQL is reachable; otherwise leaves them for later.
   */
  public void migrateIfReachable() {
    try {
      migrate();
    } catch (RuntimeException e) {
      log.warn(
          "PostgreSQL schema migration failed at start-up; retrying before the first write: {}",
          e.toString());
    }
  }

  /** Reachable (a pooled connection validates) and migrated. */
  public Health health() {
    try (Connection connection = dataSource.getConnection()) {
      if (!connection.isValid(VALIDATION_SECONDS)) {
        return Health.down("connection not valid");
      }
    } catch (SQLException e) {
      return Health.down("unreachable: " + e.getMessage());
    }
    try {
      migrate();
    } catch (RuntimeException e) {
      return Health.down("schema migration failed: " + e.getMessage());
    }
    return Health.up("reachable, schema " + settings.schema() + " migrated");
  }

  /** A writer of anomaly rows; it migrates first if that has not happened yet. */
  public BatchWriter<Anomaly> writer() {
    return new PostgresAnomalyWriter(dataSource, this::migrate, settings.statementTimeout());
  }

  /** A writer of feedback labels; it migrates first if that has not happened yet. */
  public BatchWriter<Feedback> feedbackWriter() {
    return new PostgresFeedbackWriter(dataSource, this::migrate, settings.statementTimeout());
  }

  /** Label counts per detector, for {@code vigil_detector_precision}. */
  public DetectorPrecision.Source precision() {
    return new PostgresPrecision(dataSource, this::migrate);
  }

  /** The history read side of the query API; it migrates first if that has not happened yet. */
  public AnomalyHistory history() {
    return new PostgresHistory(dataSource, this::migrate, settings.statementTimeout());
  }

  /** The retention purge of this store's table; its meters go to {@code registry}. */
  public RetentionPurger purger(MeterRegistry registry, Clock clock) {
    return new RetentionPurger(
        dataSource,
        settings.schema(),
        this::migrate,
        settings.retention(),
        settings.statementTimeout(),
        registry,
        clock);
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public PostgresSettings settings() {
    return settings;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
