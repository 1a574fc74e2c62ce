package io.vigil.sink;

import io.vigil.runtime.config.HttpSettings;
import io.vigil.runtime.config.KafkaSettings;
import io.vigil.runtime.config.Settings;
import io.vigil.runtime.kafka.LagSettings;
import io.vigil.sink.console.ConsoleSettings;
import io.vigil.sink.consume.Backoff;
import io.vigil.sink.consume.BreakerSettings;
import io.vigil.sink.consume.ConsumerSettings;
import io.vigil.sink.feedback.FeedbackSettings;
import io.vigil.sink.postgres.PostgresSettings;
import io.vigil.sink.redis.HotView;
import io.vigil.sink.redis.RedisSettings;
import io.vigil.sink.retention.Retention;
import io.vigil.sink.scores.ScoreWindowSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The results sink's configuration, read and validated in one place. Keys are given in file form;
 * the environment variable is the key upper-cased with dots as underscores.
 *
 * <p>Kafka ({@link KafkaSettings}): {@code KAFKA_*} client properties (at least {@code
 * KAFKA_BOOTSTRAP_SERVERS}), {@code vigil.topic.prefix}, {@code vigil.topics.create} / {@code
 * .partitions} / {@code .replication.factor}. HTTP ({@link HttpSettings}): {@code vigil.http.host},
 * {@code vigil.http.port} (default {@value #DEFAULT_HTTP_PORT}).
 *
 * <p>Consumers, shared by both targets:
 *
 * <ul>
 *   <li>{@code vigil.sink.batch.size} ({@code VIGIL_SINK_BATCH_SIZE}, default 500): most anomalies
 *       per poll and per write
 *   <li>{@code vigil.sink.poll.timeout} ({@code VIGIL_SINK_POLL_TIMEOUT}, default 500ms)
 *   <li>{@code vigil.sink.retry.backoff.initial} ({@code VIGIL_SINK_RETRY_BACKOFF_INITIAL}, default
 *       200ms): wait before retrying a failed write, doubled per further failure
 *   <li>{@code vigil.sink.retry.backoff.max} ({@code VIGIL_SINK_RETRY_BACKOFF_MAX}, default 30s)
 *   <li>{@code vigil.sink.client.metrics.refresh} ({@code VIGIL_SINK_CLIENT_METRICS_REFRESH},
 *       default 30s): how often the consumers' own metrics (per-partition lag among them) are
 *       looked up for new series, e.g. after a rebalance
 *   <li>{@code vigil.sink.breaker.failure.rate} ({@code VIGIL_SINK_BREAKER_FAILURE_RATE}, default
 *       50): percentage of failed batch writes that opens a target's circuit breaker
 *   <li>{@code vigil.sink.breaker.window} ({@code VIGIL_SINK_BREAKER_WINDOW}, default 10): batch
 *       writes the failure rate is computed over
 *   <li>{@code vigil.sink.breaker.minimum.calls} ({@code VIGIL_SINK_BREAKER_MINIMUM_CALLS}, default
 *       3): writes needed before the rate counts
 *   <li>{@code vigil.sink.breaker.open.duration} ({@code VIGIL_SINK_BREAKER_OPEN_DURATION}, default
 *       30s): how long an open breaker keeps the partitions paused before a probe write
 * </ul>
 *
 * <p>Records that can never be written go to the {@code anomalies-dlq} topic (with the topic
 * prefix), created with the anomalies topic when {@code vigil.topics.create} is on.
 *
 * <p>PostgreSQL target:
 *
 * <ul>
 *   <li>{@code vigil.sink.postgres.enabled} ({@code VIGIL_SINK_POSTGRES_ENABLED}, default true)
 *   <li>{@code vigil.sink.jdbc.url} ({@code VIGIL_SINK_JDBC_URL}): required when enabled
 *   <li>{@code vigil.sink.jdbc.user} ({@code VIGIL_SINK_JDBC_USER}), {@code
 *       vigil.sink.jdbc.password} ({@code VIGIL_SINK_JDBC_PASSWORD}, or a file named by {@code
 *       VIGIL_SINK_JDBC_PASSWORD_FILE}): optional
 *   <li>{@code vigil.sink.jdbc.migration.user} ({@code VIGIL_SINK_JDBC_MIGRATION_USER}), {@code
 *       vigil.sink.jdbc.migration.password} ({@code VIGIL_SINK_JDBC_MIGRATION_PASSWORD} or {@code
 *       _FILE}): optional owner role that runs the migrations and grants the sink's user only the
 *       data privileges it needs; unset, the sink's user migrates (and owns the tables)
 *   <li>{@code vigil.sink.jdbc.schema} ({@code VIGIL_SINK_JDBC_SCHEMA}, default {@code public}):
 *       lower-case identifier, created by the migrations if missing
 *   <li>{@code vigil.sink.jdbc.pool.size} ({@code VIGIL_SINK_JDBC_POOL_SIZE}, default 4)
 *   <li>{@code vigil.sink.jdbc.connect.timeout} ({@code VIGIL_SINK_JDBC_CONNECT_TIMEOUT}, default
 *       5s): longest wait for a pooled connection
 *   <li>{@code vigil.sink.jdbc.statement.timeout} ({@code VIGIL_SINK_JDBC_STATEMENT_TIMEOUT},
 *       default 30s): longest a batch insert may take
 *   <li>{@code vigil.sink.postgres.group} ({@code VIGIL_SINK_POSTGRES_GROUP}, default {@value
 *       #DEFAULT_POSTGRES_GROUP}): consumer group
 *   <li>{@code vigil.sink.postgres.retention} ({@code VIGIL_SINK_POSTGRES_RETENTION}, default 30d):
 *       anomalies whose event time is older are deleted by the purge job; {@code 0} keeps them
 *       forever
 *   <li>{@code vigil.sink.postgres.retention.interval} ({@code
 *       VIGIL_SINK_POSTGRES_RETENTION_INTERVAL}, default 1h): time between purge runs (the first
 *       runs a minute after start-up); one instance at a time purges
 *   <li>{@code vigil.sink.postgres.retention.batch} ({@code VIGIL_SINK_POSTGRES_RETENTION_BATCH},
 *       default 10000): most rows deleted per statement
 * </ul>
 *
 * <p>Redis target:
 *
 * <ul>
 *   <li>{@code vigil.sink.redis.enabled} ({@code VIGIL_SINK_REDIS_ENABLED}, default true)
 *   <li>{@code vigil.sink.redis.uri} ({@code VIGIL_SINK_REDIS_URI}): required when enabled, e.g.
 *       {@code redis://host:6379}
 *   <li>{@code vigil.sink.redis.user} ({@code VIGIL_SINK_REDIS_USER}), {@code
 *       vigil.sink.redis.password} ({@code VIGIL_SINK_REDIS_PASSWORD} or {@code _FILE}): optional
 *       ACL user and password to AUTH with, instead of credentials in the URI
 *   <li>{@code vigil.sink.redis.key.prefix} ({@code VIGIL_SINK_REDIS_KEY_PREFIX}, default {@code
 *       vigil:})
 *   <li>{@code vigil.sink.redis.timeout} ({@code VIGIL_SINK_REDIS_TIMEOUT}, default 2s): connect
 *       and command timeout
 *   <li>{@code vigil.sink.redis.group} ({@code VIGIL_SINK_REDIS_GROUP}, default {@value
 *       #DEFAULT_REDIS_GROUP}): consumer group
 *   <li>{@code vigil.sink.redis.recent.per.key} ({@code VIGIL_SINK_REDIS_RECENT_PER_KEY}, default
 *       100) and {@code vigil.sink.redis.recent.all} ({@code VIGIL_SINK_REDIS_RECENT_ALL}, default
 *       1000): lengths of the recent lists per series and overall
 *   <li>{@code vigil.sink.redis.counter.ttl} ({@code VIGIL_SINK_REDIS_COUNTER_TTL}, default 2d):
 *       lifetime of a per-severity, per-minute counter
 *   <li>{@code vigil.sink.redis.dedup.ttl} ({@code VIGIL_SINK_REDIS_DEDUP_TTL}, default 7d): how
 *       long an applied anomaly id is remembered; a redelivery within it changes nothing
 * </ul>
 *
 * <p>The window of recent scores per series that the console charts ({@link ScoreWindowSettings}):
 * {@code vigil.sink.scores.enabled} (default false), {@code vigil.sink.scores.window} (360 points),
 * {@code vigil.sink.scores.idle.ttl} (1h), {@code vigil.sink.scores.group} ({@code
 * vigil-sink-scores}). The console ({@link ConsoleSettings}): {@code vigil.console.enabled} (true),
 * {@code vigil.console.api.keys} (none: read-only), {@code vigil.console.processor.url} (none).
 *
 * <p>At least one target must be enabled, and the two groups must differ: in one group the targets
 * would split the partitions between them and each would miss the other's anomalies.
 *
 * @param clientMetricsRefresh interval for binding new Kafka client metrics
 * @param postgres the PostgreSQL target, empty when disabled
 * @param redis the Redis target, empty when disabled
 * @param feedback the feedback loop (labels into PostgreSQL, detector precision), empty when off
 * @param lag the consumer groups whose lag this instance reports (its own groups always)
 * @param scores the window of recent scores per series in Redis, empty when off
 * @param console the web console
 */
public record SinkConfig(
    KafkaSettings kafka,
    HttpSettings http,
    ConsumerSettings consumer,
    BreakerSettings breaker,
    Duration clientMetricsRefresh,
    Optional<PostgresSettings> postgres,
    Optional<RedisSettings> redis,
    Optional<FeedbackSettings> feedback,
    LagSettings lag,
    Optional<ScoreWindowSettings> scores,
    ConsoleSettings console) {

  public static final int DEFAULT_HTTP_PORT = 8082;
  public static final String DEFAULT_POSTGRES_GROUP = "vigil-sink-postgres";
  public static final String DEFAULT_REDIS_GROUP = "vigil-sink-redis";

  public SinkConfig {
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(consumer, "consumer");
    Objects.requireNonNull(breaker, "breaker");
    Objects.requireNonNull(clientMetricsRefresh, "clientMetricsRefresh");
    Objects.requireNonNull(postgres, "postgres");
    Objects.requireNonNull(redis, "redis");
    Objects.requireNonNull(feedback, "feedback");
    Objects.requireNonNull(lag, "lag");
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(console, "console");
  }

  /** Reads every setting; throws a ConfigException listing all problems at once. */
  public static SinkConfig from(Settings settings) {
    KafkaSettings kafka = KafkaSettings.from(settings);
    HttpSettings http = HttpSettings.from(settings, DEFAULT_HTTP_PORT);

    int batchSize = settings.integer("vigil.sink.batch.size", 500, 1, 10_000);
    Duration pollTimeout = positive(settings, "vigil.sink.poll.timeout", Duration.ofMillis(500));
    Duration backoffInitial =
        positive(settings, "vigil.sink.retry.backoff.initial", Duration.ofMillis(200));
    Duration backoffMax =
        positive(settings, "vigil.sink.retry.backoff.max", Duration.ofSeconds(30));
    Duration clientMetricsRefresh =
        positive(settings, "vigil.sink.client.metrics.refresh", Duration.ofSeconds(30));
    int failureRate = settings.integer("vigil.sink.breaker.failure.rate", 50, 1, 100);
    int window = settings.integer("vigil.sink.breaker.window", 10, 1, 1_000);
    int minimumCalls = settings.integer("vigil.sink.breaker.minimum.calls", 3, 1, 1_000);
    Duration openDuration =
        positive(settings, "vigil.sink.breaker.open.duration", Duration.ofSeconds(30));
    if (backoffMax.compareTo(backoffInitial) < 0) {
      settings.problem(
          "vigil.sink.retry.backoff.max (VIGIL_SINK_RETRY_BACKOFF_MAX) must not be below"
              + " vigil.sink.retry.backoff.initial");
    }

    boolean postgresEnabled = settings.bool("vigil.sink.postgres.enabled", true);
    String jdbcUrl = postgresEnabled ? settings.requiredString("vigil.sink.jdbc.url") : null;
    String jdbcUser = settings.string("vigil.sink.jdbc.user", null);
    String jdbcPassword = settings.secret("vigil.sink.jdbc.password", null);
    String migrationUser = settings.string("vigil.sink.jdbc.migration.user", null);
    String migrationPassword = settings.secret("vigil.sink.jdbc.migration.password", null);
    requireTogether(
        settings,
        "vigil.sink.jdbc.migration.user",
        migrationUser,
        "vigil.sink.jdbc.user",
        jdbcUser);
    String schema = settings.string("vigil.sink.jdbc.schema", "public");
    if (!PostgresSettings.SCHEMA_NAME.matcher(schema).matches()) {
      settings.problem(
          "vigil.sink.jdbc.schema (VIGIL_SINK_JDBC_SCHEMA) must be a lower-case SQL identifier,"
              + " was '"
              + schema
              + "'");
    }
    int poolSize = settings.integer("vigil.sink.jdbc.pool.size", 4, 1, 100);
    Duration connectTimeout =
        positive(settings, "vigil.sink.jdbc.connect.timeout", Duration.ofSeconds(5));
    Duration statementTimeout =
        positive(settings, "vigil.sink.jdbc.statement.timeout", Duration.ofSeconds(30));
    String postgresGroup = group(settings, "vigil.sink.postgres.group", DEFAULT_POSTGRES_GROUP);
    Retention retention =
        new Retention(
            settings.duration("vigil.sink.postgres.retention", Retention.DEFAULT_MAX_AGE),
            positive(
                settings, "vigil.sink.postgres.retention.interval", Retention.DEFAULT_INTERVAL),
            settings.integer(
                "vigil.sink.postgres.retention.batch", Retention.DEFAULT_BATCH_SIZE, 1, 1_000_000));

    boolean redisEnabled = settings.bool("vigil.sink.redis.enabled", true);
    String redisUri = redisEnabled ? settings.requiredString("vigil.sink.redis.uri") : null;
    String redisUser = settings.string("vigil.sink.redis.user", null);
    String redisPassword = settings.secret("vigil.sink.redis.password", null);
    requireTogether(
        settings, "vigil.sink.redis.user", redisUser, "vigil.sink.redis.password", redisPassword);
    String keyPrefix = settings.string("vigil.sink.redis.key.prefix", "vigil:");
    Duration redisTimeout = positive(settings, "vigil.sink.redis.timeout", Duration.ofSeconds(2));
    String redisGroup = group(settings, "vigil.sink.redis.group", DEFAULT_REDIS_GROUP);
    int recentPerKey = settings.integer("vigil.sink.redis.recent.per.key", 100, 1, 100_000);
    int recentAll = settings.integer("vigil.sink.redis.recent.all", 1_000, 1, 1_000_000);
    Duration counterTtl = seconds(settings, "vigil.sink.redis.counter.ttl", Duration.ofDays(2));
    Duration dedupTtl = seconds(settings, "vigil.sink.redis.dedup.ttl", Duration.ofDays(7));

    if (!postgresEnabled && !redisEnabled) {
      settings.problem(
          "no target enabled: set vigil.sink.postgres.enabled or vigil.sink.redis.enabled to true");
    }
    if (postgresEnabled && redisEnabled && postgresGroup.equals(redisGroup)) {
      settings.problem(
          "vigil.sink.postgres.group and vigil.sink.redis.group must differ, both are '"
              + redisGroup
              + "'");
    }
    LagSettings lag = LagSettings.from(settings);
    FeedbackSettings feedback = FeedbackSettings.from(settings, postgresEnabled);
    if (feedback != null
        && (feedback.consumerGroup().equals(postgresGroup)
            || feedback.consumerGroup().equals(redisGroup))) {
      settings.problem(
          "vigil.sink.feedback.group must differ from the PostgreSQL and Redis groups, is '"
              + feedback.consumerGroup()
              + "'");
    }
    ScoreWindowSettings scores = ScoreWindowSettings.from(settings, redisEnabled);
    if (scores != null
        && List.of(postgresGroup, redisGroup, feedback == null ? "" : feedback.consumerGroup())
            .contains(scores.consumerGroup())) {
      settings.problem(
          "vigil.sink.scores.group must differ from the sink's other groups, is '"
              + scores.consumerGroup()
              + "'");
    }
    ConsoleSettings console = ConsoleSettings.from(settings);
    settings.validate();

    return new SinkConfig(
        kafka,
        http,
        new ConsumerSettings(batchSize, pollTimeout, new Backoff(backoffInitial, backoffMax)),
        new BreakerSettings(failureRate, window, minimumCalls, openDuration),
        clientMetricsRefresh,
        postgresEnabled
            ? Optional.of(
                new PostgresSettings(
                    jdbcUrl,
                    jdbcUser,
                    jdbcPassword,
                    schema,
                    poolSize,
                    connectTimeout,
                    statementTimeout,
                    postgresGroup,
                    retention,
                    migrationUser,
                    migrationPassword))
            : Optional.empty(),
        redisEnabled
            ? Optional.of(
                new RedisSettings(
                    redisUri,
                    keyPrefix,
                    redisTimeout,
                    redisGroup,
                    new HotView(recentPerKey, recentAll, counterTtl, dedupTtl),
                    redisUser,
                    redisPassword))
            : Optional.empty(),
        Optional.ofNullable(feedback),
        lag,
        Optional.ofNullable(scores),
        console);
  }

  private static Duration positive(Settings settings, String key, Duration defaultValue) {
    Duration value = settings.duration(key, defaultValue);
    if (value.isZero()) {
      settings.problem(key + " (" + Settings.envName(key) + ") must be more than 0");
      return defaultValue;
    }
    return value;
  }

  /** Redis expiries are whole seconds. */
  private static Duration seconds(Settings settings, String key, Duration defaultValue) {
    Duration value = settings.duration(key, defaultValue);
    if (value.toSeconds() < 1) {
      settings.problem(key + " (" + Settings.envName(key) + ") must be at least 1s");
      return defaultValue;
    }
    return value;
  }

  /** {@code key} set needs {@code needed} set too, e.g. an ACL user needs its password. */
  private static void requireTogether(
      Settings settings, String key, String value, String needed, String neededValue) {
    if (value != null && neededValue == null) {
      settings.problem(
          key
              + " ("
              + Settings.envName(key)
              + ") is set but "
              + needed
              + " ("
              + Settings.envName(needed)
              + ") is not");
    }
  }

  private static String group(Settings settings, String key, String defaultValue) {
    String value = settings.string(key, defaultValue);
    if (value.isBlank()) {
      settings.problem(key + " (" + Settings.envName(key) + ") must not be blank");
      return defaultValue;
    }
    return value;
  }
}
