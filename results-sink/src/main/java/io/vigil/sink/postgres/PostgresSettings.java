package io.vigil.sink.postgres;

import io.vigil.sink.retention.Retention;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how the sink writes to PostgreSQL.
 *
 * @param jdbcUrl JDBC URL, e.g. {@code jdbc:postgresql://db:5432/vigil}
 * @param user user name, or null to take it from the URL
 * @param password password, or null
 * @param schema schema holding Vigil's tables (created by the migrations if missing)
 * @param poolSize most pooled connections
 * @param connectTimeout longest wait for a connection from the pool
 * @param statementTimeout longest a batch insert may run before it counts as failed
 * @param consumerGroup the PostgreSQL target's own consumer group
 * @param retention how long rows are kept, and how the purge job runs
 * @param migrationUser the role that runs the migrations (owns the tables) and grants {@code user}
 *     what the sink needs, or null: {@code user} migrates itself
 * @param migrationPassword that role's password, or null
 */
public record PostgresSettings(
    String jdbcUrl,
    String user,
    String password,
    String schema,
    int poolSize,
    Duration connectTimeout,
    Duration statementTimeout,
    String consumerGroup,
    Retention retention,
    String migrationUser,
    String migrationPassword) {

  /** Lower-case SQL identifiers only, as they are used unquoted in the search path. */
  public static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  public PostgresSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(statementTimeout, "statementTimeout");
    Objects.requireNonNull(consumerGroup, "consumerGroup");
    Objects.requireNonNull(retention, "retention");
    if (!SCHEMA_NAME.matcher(schema).matches()) {
      throw new IllegalArgumentException("invalid schema name '" + schema + "'");
    }
    if (migrationUser != null && user == null) {
      // The grants name the sink's role: it cannot be left to the URL.
      throw new IllegalArgumentException("a migration user needs the sink's user set too");
    }
  }

  /** With the default retention; the sink's own user runs the migrations. */
  public PostgresSettings(
      String jdbcUrl,
      String user,
      String password,
      String schema,
      int poolSize,
      Duration connectTimeout,
      Duration statementTimeout,
      String consumerGroup) {
    this(
        jdbcUrl,
        user,
        password,
        schema,
        poolSize,
        connectTimeout,
        statementTimeout,
        consumerGroup,
        Retention.defaults(),
        null,
        null);
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "PostgresSettings[jdbcUrl="
        + jdbcUrl
        + ", user="
        + user
        + ", password="
        + (password == null ? "<none>" : "<set>")
        + ", schema="
        + schema
        + ", poolSize="
        + poolSize
        + ", connectTimeout="
        + connectTimeout
        + ", statementTimeout="
        + statementTimeout
        + ", consumerGroup="
        + consumerGroup
        + ", retention="
        + retention
        + ", migrationUser="
        + migrationUser
        + ", migrationPassword="
        + (migrationPassword == null ? "<none>" : "<set>")
        + "]";
  }
}
