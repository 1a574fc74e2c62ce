package io.vigil.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.runtime.config.ConfigException;
import io.vigil.runtime.config.Settings;
import io.vigil.sink.postgres.PostgresSettings;
import io.vigil.sink.redis.RedisSettings;
import io.vigil.sink.retention.Retention;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkConfigTest {
  private static final Map<String, String> REQUIRED =
      Map.of(
          "kafka.bootstrap.servers", "broker:9092",
          "vigil.sink.jdbc.url", "jdbc:postgresql://db:5432/vigil",
          "vigil.sink.redis.uri", "redis://cache:6379");

  @Test
  void shouldApplyTheDocumentedDefaults() {
    SinkConfig config = SinkConfig.from(Settings.of(REQUIRED));

    assertThat(config.http().port()).isEqualTo(8082);
    assertThat(config.consumer().batchSize()).isEqualTo(500);
    assertThat(config.consumer().pollTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.consumer().backoff().initial()).isEqualTo(Duration.ofMillis(200));
    assertThat(config.consumer().backoff().max()).isEqualTo(Duration.ofSeconds(30));
    PostgresSettings postgres = config.postgres().orElseThrow();
    assertThat(postgres.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/vigil");
    assertThat(postgres.schema()).isEqualTo("public");
    assertThat(postgres.poolSize()).isEqualTo(4);
    assertThat(postgres.consumerGroup()).isEqualTo("vigil-sink-postgres");
    RedisSettings redis = config.redis().orElseThrow();
    assertThat(redis.uri()).isEqualTo("redis://cache:6379");
    assertThat(redis.keyPrefix()).isEqualTo("vigil:");
    assertThat(redis.consumerGroup()).isEqualTo("vigil-sink-redis");
  }

  @Test
  void shouldReadTheCredentialSettingsAndNeverPrintThePasswords() {
    Map<String, String> values = new HashMap<>(REQUIRED);
    values.put("vigil.sink.jdbc.user", "vigil_sink");
    values.put("vigil.sink.jdbc.password", "sink-secret");
    values.put("vigil.sink.jdbc.migration.user", "vigil_owner");
    values.put("vigil.sink.jdbc.migration.password", "owner-secret");
    values.put("vigil.sink.redis.user", "vigil-sink");
    values.put("vigil.sink.redis.password", "redis-secret");

    SinkConfig config = SinkConfig.from(Settings.of(values));

    PostgresSettings postgres = config.postgres().orElseThrow();
    assertThat(postgres.migrationUser()).isEqualTo("vigil_owner");
    assertThat(postgres.migrationPassword()).isEqualTo("owner-secret");
    RedisSettings redis = config.redis().orElseThrow();
    assertThat(redis.user()).isEqualTo("vigil-sink");
    assertThat(redis.password()).isEqualTo("redis-secret");
    assertThat(config.toString()).doesNotContain("secret");
  }

  @Test
  void shouldRefuseAUserWithoutWhatItNeeds() {
    Map<String, String> values = new HashMap<>(REQUIRED);
    values.put("vigil.sink.jdbc.migration.user", "vigil_owner");
    values.put("vigil.sink.redis.user", "vigil-sink");

    assertThatThrownBy(() -> SinkConfig.from(Settings.of(values)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "vigil.sink.jdbc.migration.user (VIGIL_SINK_JDBC_MIGRATION_USER) is set but"
                + " vigil.sink.jdbc.user (VIGIL_SINK_JDBC_USER) is not")
        .hasMessageContaining(
            "vigil.sink.redis.user (VIGIL_SINK_REDIS_USER) is set but vigil.sink.redis.password");
  }

  @Test
  void shouldReadTheEnvironmentVariableNames() {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", "broker:9092");
    env.put("VIGIL_SINK_JDBC_URL", "jdbc:postgresql://db/vigil");
    env.put("VIGIL_SINK_JDBC_USER", "sink");
    env.put("VIGIL_SINK_JDBC_PASSWORD", "secret");
    env.put("VIGIL_SINK_JDBC_SCHEMA", "history");
    env.put("VIGIL_SINK_JDBC_POOL_SIZE", "8");
    env.put("VIGIL_SINK_REDIS_URI", "redis://cache:6379");
    env.put("VIGIL_SINK_REDIS_KEY_PREFIX", "prod:");
    env.put("VIGIL_SINK_POSTGRES_GROUP", "pg");
    env.put("VIGIL_SINK_REDIS_GROUP", "rd");
    env.put("VIGIL_SINK_BATCH_SIZE", "50");
    env.put("VIGIL_SINK_RETRY_BACKOFF_MAX", "5s");
    env.put("VIGIL_HTTP_PORT", "9000");

    SinkConfig config = SinkConfig.from(Settings.load((Path) null, env));

    assertThat(config.postgres().orElseThrow())
        .extracting(
            PostgresSettings::user,
            PostgresSettings::password,
            PostgresSettings::schema,
            PostgresSettings::poolSize,
            PostgresSettings::consumerGroup)
        .containsExactly("sink", "secret", "history", 8, "pg");
    assertThat(config.redis().orElseThrow().keyPrefix()).isEqualTo("prod:");
    assertThat(config.redis().orElseThrow().consumerGroup()).isEqualTo("rd");
    assertThat(config.consumer().batchSize()).isEqualTo(50);
    assertThat(config.consumer().backoff().max()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.http().port()).isEqualTo(9000);
  }

  @Test
  void shouldRequireTheJdbcUrlAndRedisUriOfEnabledTargets() {
    assertThatThrownBy(
            () -> SinkConfig.from(Settings.of(Map.of("kafka.bootstrap.servers", "b:9092"))))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .anyMatch(p -> p.contains("VIGIL_SINK_JDBC_URL"))
                    .anyMatch(p -> p.contains("VIGIL_SINK_REDIS_URI")));
  }

  @Test
  void shouldNotRequireSettingsOfADisabledTarget() {
    SinkConfig config =
        SinkConfig.from(
            Settings.of(
                Map.of(
                    "kafka.bootstrap.servers", "b:9092",
                    "vigil.sink.redis.enabled", "false",
                    "vigil.sink.jdbc.url", "jdbc:postgresql://db/vigil")));

    assertThat(config.postgres()).isPresent();
    assertThat(config.redis()).isEmpty();
  }

  @Test
  void shouldListEveryProblemAtOnce() {
    Map<String, String> values = new HashMap<>(REQUIRED);
    values.put("vigil.sink.batch.size", "0");
    values.put("vigil.sink.jdbc.schema", "Robert'); DROP TABLE students;--");
    values.put("vigil.sink.poll.timeout", "0ms");
    values.put("vigil.sink.retry.backoff.initial", "10s");
    values.put("vigil.sink.retry.backoff.max", "1s");
    values.put("vigil.sink.postgres.group", "same");
    values.put("vigil.sink.redis.group", "same");

    assertThatThrownBy(() -> SinkConfig.from(Settings.of(values)))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(5));
  }

  @Test
  void shouldRejectAConfigWithoutAnyTarget() {
    assertThatThrownBy(
            () ->
                SinkConfig.from(
                    Settings.of(
                        Map.of(
                            "kafka.bootstrap.servers", "b:9092",
                            "vigil.sink.postgres.enabled", "false",
                            "vigil.sink.redis.enabled", "false"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("no target enabled");
  }

  @Test
  void shouldKeepPasswordsOutOfToString() {
    Map<String, String> values = new HashMap<>(REQUIRED);
    values.put("vigil.sink.jdbc.password", "hunter2");
    values.put("vigil.sink.redis.uri", "redis://user:hunter3@cache:6379");

    String printed = SinkConfig.from(Settings.of(values)).toString();

    assertThat(printed).doesNotContain("hunter2").doesNotContain("hunter3").contains("cache:6379");
  }

  @Test
  void shouldReadTheRetentionWithThirtyDaysByDefault() {
    Map<String, String> settings = new HashMap<>(REQUIRED);
    assertThat(SinkConfig.from(Settings.of(settings)).postgres().orElseThrow().retention())
        .isEqualTo(Retention.defaults())
        .extracting(Retention::maxAge)
        .isEqualTo(Duration.ofDays(30));

    settings.put("vigil.sink.postgres.retention", "7d");
    settings.put("vigil.sink.postgres.retention.interval", "15m");
    settings.put("vigil.sink.postgres.retention.batch", "500");
    assertThat(SinkConfig.from(Settings.of(settings)).postgres().orElseThrow().retention())
        .isEqualTo(new Retention(Duration.ofDays(7), Duration.ofMinutes(15), 500));

    settings.put("vigil.sink.postgres.retention", "0");
    assertThat(
            SinkConfig.from(Settings.of(settings)).postgres().orElseThrow().retention().enabled())
        .isFalse();
  }

  @Test
  void shouldRejectABadRetention() {
    Map<String, String> settings = new HashMap<>(REQUIRED);
    settings.put("vigil.sink.postgres.retention", "a month");
    settings.put("vigil.sink.postgres.retention.interval", "0s");
    settings.put("vigil.sink.postgres.retention.batch", "0");

    assertThatThrownBy(() -> SinkConfig.from(Settings.of(settings)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("vigil.sink.postgres.retention ")
        .hasMessageContaining("vigil.sink.postgres.retention.interval")
        .hasMessageContaining("vigil.sink.postgres.retention.batch");
  }
}
