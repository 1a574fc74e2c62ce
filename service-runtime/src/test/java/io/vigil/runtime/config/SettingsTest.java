package io.vigil.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsTest {
  @TempDir Path dir;

  private Path file(String content) throws IOException {
    Path file = dir.resolve("vigil.properties");
    Files.writeString(file, content);
    return file;
  }

  @Test
  void shouldFallBackToDefaultsWhenNothingIsSet() {
    Settings settings = Settings.load(Map.of());

    assertThat(settings.string("vigil.topic.prefix", "dev-")).isEqualTo("dev-");
    assertThat(settings.integer("vigil.http.port", 8080, 0, 65_535)).isEqualTo(8080);
    assertThat(settings.duration("vigil.poll", Duration.ofSeconds(1))).hasSeconds(1);
    assertThat(settings.kafkaProperties()).isEmpty();
    assertThatCode(settings::validate).doesNotThrowAnyException();
  }

  @Test
  void shouldLetTheFileOverrideDefaultsAndTheEnvironmentOverrideTheFile() throws IOException {
    Path file =
        file(
            """
            vigil.http.port=9000
            vigil.topic.prefix=from-file-
            kafka.bootstrap.servers=file:9092
            kafka.client.id=from-file
            """);
    Map<String, String> env =
        Map.of(
            Settings.CONFIG_FILE_ENV,
            file.toString(),
            "VIGIL_HTTP_PORT",
            "9100",
            "KAFKA_BOOTSTRAP_SERVERS",
            "env:9092");

    Settings settings = Settings.load(env);

    assertThat(settings.integer("vigil.http.port", 8080, 0, 65_535)).isEqualTo(9100);
    assertThat(settings.string("vigil.topic.prefix", "")).isEqualTo("from-file-");
    assertThat(settings.string("vigil.missing", "default")).isEqualTo("default");
    assertThat(settings.kafkaProperties())
        .containsEntry("bootstrap.servers", "env:9092")
        .containsEntry("client.id", "from-file");
  }

  @Test
  void shouldTreatAnEmptyVariableAsUnset() throws IOException {
    Path file = file("vigil.http.port=9000\n");

    Settings settings = Settings.load(file, Map.of("VIGIL_HTTP_PORT", "", "KAFKA_CLIENT_ID", " "));

    assertThat(settings.integer("vigil.http.port", 8080, 0, 65_535)).isEqualTo(9000);
    assertThat(settings.kafkaProperties()).doesNotContainKey("client.id");
  }

  @Test
  void shouldPassKafkaVariablesThroughAsClientProperties() {
    Settings settings =
        Settings.load(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "a:9092,b:9092",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_JAAS_CONFIG",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required;",
                "PATH", "/usr/bin",
                "HOME", "/root"));

    assertThat(settings.kafkaProperties())
        .containsOnly(
            Map.entry("bootstrap.servers", "a:9092,b:9092"),
            Map.entry("security.protocol", "SASL_SSL"),
            Map.entry(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required;"));
  }

  @Test
  void shouldReportAnUnreadableConfigFileAsAConfigProblem() {
    Path missing = dir.resolve("missing.properties");

    assertThatThrownBy(() -> Settings.load(Map.of(Settings.CONFIG_FILE_ENV, missing.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot read config file " + missing)
        .hasMessageContaining("VIGIL_CONFIG_FILE");
  }

  @Test
  void shouldIgnoreABlankConfigFileVariable() {
    assertThatCode(() -> Settings.load(Map.of(Settings.CONFIG_FILE_ENV, "")))
        .doesNotThrowAnyException();
  }

  @Test
  void shouldReadFileStyleKeysWithOf() {
    Settings settings = Settings.of(Map.of("vigil.a.b", "x", "kafka.acks", "all", "other", "y"));

    assertThat(settings.string("vigil.a.b", null)).isEqualTo("x");
    assertThat(settings.kafkaProperties()).containsOnly(Map.entry("acks", "all"));
  }

  @Test
  void shouldMapKeysToEnvironmentNames() {
    assertThat(Settings.envName("vigil.topics.replication.factor"))
        .isEqualTo("VIGIL_TOPICS_REPLICATION_FACTOR");
    assertThat(Settings.envName("vigil.model-cache.size")).isEqualTo("VIGIL_MODEL_CACHE_SIZE");
    assertThat(Settings.fromEnvName("VIGIL_TOPIC_PREFIX")).isEqualTo("vigil.topic.prefix");
  }

  @Test
  void shouldReadRequiredStrings() {
    Settings settings = Settings.of(Map.of("vigil.db.url", "jdbc:postgresql://db/vigil"));

    assertThat(settings.requiredString("vigil.db.url")).isEqualTo("jdbc:postgresql://db/vigil");
    assertThatCode(settings::validate).doesNotThrowAnyException();
  }

  @Test
  void shouldReportMissingRequiredStrings() {
    Settings settings = Settings.of(Map.of());

    assertThat(settings.requiredString("vigil.db.url")).isNull();
    assertThatThrownBy(settings::validate)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("vigil.db.url (VIGIL_DB_URL) is required");
  }

  @Test
  void shouldReadIntegersLongsAndDecimalsWithinBounds() {
    Settings settings =
        Settings.of(
            Map.of(
                "vigil.i", " 42 ", "vigil.l", "9000000000", "vigil.d", "0.25", "vigil.neg", "-3"));

    assertThat(settings.integer("vigil.i", 0, 0, 100)).isEqualTo(42);
    assertThat(settings.longValue("vigil.l", 0, 0, Long.MAX_VALUE)).isEqualTo(9_000_000_000L);
    assertThat(settings.decimal("vigil.d", 0, 0, 1)).isEqualTo(0.25);
    assertThat(settings.integer("vigil.neg", 0, -10, 10)).isEqualTo(-3);
    assertThatCode(settings::validate).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @CsvSource({"true, true", "TRUE, true", "false, false", "False, false"})
  void shouldReadBooleans(String raw, boolean expected) {
    assertThat(Settings.of(Map.of("vigil.flag", raw)).bool("vigil.flag", !expected))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "250ms, 250",
    "30s, 30000",
    "30, 30000",
    "1.5s, 1500",
    "5m, 300000",
    "5min, 300000",
    "2h, 7200000",
    "1d, 86400000",
    "PT1H, 3600000",
    "pt0.5s, 500",
    "P1DT2H, 93600000"
  })
  void shouldReadDurations(String raw, long millis) {
    Settings settings = Settings.of(Map.of("vigil.timeout", raw));

    assertThat(settings.duration("vigil.timeout", Duration.ZERO))
        .isEqualTo(Duration.ofMillis(millis));
    assertThatCode(settings::validate).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"5 weeks", "-5s", "ms", "PT", "PT-5S", "1e3s", "soon"})
  void shouldReportInvalidDurations(String raw) {
    Settings settings = Settings.of(Map.of("vigil.timeout", raw));

    assertThat(settings.duration("vigil.timeout", Duration.ofSeconds(7))).hasSeconds(7);
    assertThatThrownBy(settings::validate)
        .hasMessageContaining(
            "vigil.timeout (VIGIL_TIMEOUT) must be a duration like 30s, was '" + raw + "'");
  }

  @Test
  void shouldReadEnumsCaseInsensitivelyWithDashes() {
    Settings settings = Settings.of(Map.of("vigil.unit", "milli-seconds", "vigil.other", "Hours"));

    assertThat(settings.enumValue("vigil.other", TimeUnit.SECONDS)).isEqualTo(TimeUnit.HOURS);
    assertThat(settings.enumValue("vigil.unit", TimeUnit.SECONDS)).isEqualTo(TimeUnit.SECONDS);
    assertThatThrownBy(settings::validate)
        .hasMessageContaining("vigil.unit (VIGIL_UNIT) must be one of [nanoseconds, ");
  }

  @Test
  void shouldListEveryProblemWithItsEnvironmentName() {
    Settings settings =
        Settings.of(
            Map.of(
                "vigil.http.port", "http",
                "vigil.topics.partitions", "0",
                "vigil.big", "99999999999999999999",
                "vigil.ratio", "NaN",
                "vigil.flag", "yes",
                "vigil.poll", "often",
                "vigil.unit", "fortnights"));

    assertThat(settings.integer("vigil.http.port", 8080, 0, 65_535)).isEqualTo(8080);
    settings.integer("vigil.topics.partitions", 3, 1, 10_000);
    settings.longValue("vigil.big", 1, 0, Long.MAX_VALUE);
    settings.decimal("vigil.ratio", 0.5, 0, 1);
    settings.bool("vigil.flag", false);
    settings.duration("vigil.poll", Duration.ofSeconds(1));
    settings.enumValue("vigil.unit", TimeUnit.SECONDS);
    settings.requiredString("vigil.db.url");
    settings.problem("vigil.a and vigil.b cannot both be set");

    assertThatThrownBy(settings::validate)
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "vigil.http.port (VIGIL_HTTP_PORT) must be an integer in [0, 65535], was 'http'",
                        "vigil.topics.partitions (VIGIL_TOPICS_PARTITIONS) must be an integer in [1, 10000], was '0'",
                        "vigil.big (VIGIL_BIG) must be an integer in [0, 9223372036854775807], was '99999999999999999999'",
                        "vigil.ratio (VIGIL_RATIO) must be a number in [0.0, 1.0], was 'NaN'",
                        "vigil.flag (VIGIL_FLAG) must be true or false, was 'yes'",
                        "vigil.poll (VIGIL_POLL) must be a duration like 30s, was 'often'",
                        "vigil.unit (VIGIL_UNIT) must be one of [nanoseconds, microseconds, milliseconds, seconds, minutes, hours, days], was 'fortnights'",
                        "vigil.db.url (VIGIL_DB_URL) is required",
                        "vigil.a and vigil.b cannot both be set"))
        .hasMessageStartingWith("invalid configuration:\n  - vigil.http.port (VIGIL_HTTP_PORT)");
  }
}
