package io.vigil.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.localstack.LocalStackOptions.JdbcEndpoint;
import io.vigil.localstack.LocalStackOptions.Provider;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalStackOptionsTest {

  @Test
  void shouldSecureOnlyEmbeddedServersAndKeepTheDefaultPlain() {
    assertThat(LocalStackOptions.defaults().secured()).isFalse();
    assertThat(LocalStackOptions.builder().secured(true).build().toBuilder().build().secured())
        .isTrue();
    assertThatThrownBy(
            () ->
                LocalStackOptions.builder().provider(Provider.TESTCONTAINERS).secured(true).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("embedded provider only");
  }

  @Test
  void shouldEmbedEverythingWhenEnvironmentIsEmpty() {
    LocalStackOptions options = LocalStackOptions.fromEnvironment(Map.of());

    assertThat(options).isEqualTo(LocalStackOptions.defaults());
    assertThat(options.provider()).isEqualTo(Provider.EMBEDDED);
    assertThat(options.kafkaExternal()).isFalse();
    assertThat(options.postgresExternal()).isFalse();
    assertThat(options.redisExternal()).isFalse();
    assertThat(options.kafkaPartitions()).isEqualTo(3);
    assertThat(options.kafkaPort()).isZero();
  }

  @Test
  void shouldReadExternalEndpoints() {
    LocalStackOptions options =
        LocalStackOptions.fromEnvironment(
            Map.of(
                "VIGIL_STACK_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092",
                "VIGIL_STACK_JDBC_URL", "jdbc:postgresql://db:5432/vigil",
                "VIGIL_STACK_JDBC_USER", "vigil",
                "VIGIL_STACK_JDBC_PASSWORD", "s3cret",
                "VIGIL_STACK_REDIS_URI", "redis://cache:6379"));

    assertThat(options.externalKafkaBootstrapServers()).contains("kafka-1:9092,kafka-2:9092");
    assertThat(options.externalPostgres())
        .contains(new JdbcEndpoint("jdbc:postgresql://db:5432/vigil", "vigil", "s3cret"));
    assertThat(options.externalRedisUri()).contains("redis://cache:6379");
    assertThat(options.toString()).doesNotContain("s3cret");
  }

  @Test
  void shouldDefaultJdbcCredentialsToPostgresWithoutPassword() {
    LocalStackOptions options =
        LocalStackOptions.fromEnvironment(
            Map.of("VIGIL_STACK_JDBC_URL", "jdbc:postgresql://db:5432/vigil"));

    assertThat(options.externalPostgres())
        .contains(new JdbcEndpoint("jdbc:postgresql://db:5432/vigil", "postgres", ""));
  }

  @Test
  void shouldKeepOnePartExternalAndTheOthersEmbedded() {
    LocalStackOptions options =
        LocalStackOptions.fromEnvironment(Map.of("VIGIL_STACK_REDIS_URI", "redis://cache:6379"));

    assertThat(options.redisExternal()).isTrue();
    assertThat(options.kafkaExternal()).isFalse();
    assertThat(options.postgresExternal()).isFalse();
  }

  @Test
  void shouldTreatBlankValuesAsAbsent() {
    LocalStackOptions options =
        LocalStackOptions.fromEnvironment(
            Map.of("VIGIL_STACK_PROVIDER", " ", "VIGIL_STACK_KAFKA_BOOTSTRAP_SERVERS", ""));

    assertThat(options).isEqualTo(LocalStackOptions.defaults());
  }

  @Test
  void shouldSelectProviderIgnoringCase() {
    assertThat(
            LocalStackOptions.fromEnvironment(Map.of("VIGIL_STACK_PROVIDER", " TestContainers "))
                .provider())
        .isEqualTo(Provider.TESTCONTAINERS);
    assertThat(
            LocalStackOptions.fromEnvironment(Map.of("VIGIL_STACK_PROVIDER", "embedded"))
                .provider())
        .isEqualTo(Provider.EMBEDDED);
  }

  @Test
  void shouldRejectUnknownProviderNamingTheVariable() {
    assertThatThrownBy(
            () -> LocalStackOptions.fromEnvironment(Map.of("VIGIL_STACK_PROVIDER", "docker")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("VIGIL_STACK_PROVIDER")
        .hasMessageContaining("'embedded' or 'testcontainers'")
        .hasMessageContaining("'docker'");
  }

  @Test
  void shouldRejectJdbcCredentialsWithoutUrl() {
    assertThatThrownBy(
            () -> LocalStackOptions.fromEnvironment(Map.of("VIGIL_STACK_JDBC_USER", "vigil")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("VIGIL_STACK_JDBC_URL");
  }

  @Test
  void shouldRejectMalformedEndpoints() {
    assertThatThrownBy(
            () ->
                LocalStackOptions.fromEnvironment(
                    Map.of("VIGIL_STACK_JDBC_URL", "jdbc:mysql://db/vigil")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:postgresql:");
    assertThatThrownBy(
            () -> LocalStackOptions.fromEnvironment(Map.of("VIGIL_STACK_REDIS_URI", "cache:6379")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("redis://");
  }

  @Test
  void shouldValidateEmbeddedSettings() {
    assertThatThrownBy(() -> LocalStackOptions.builder().kafkaPartitions(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kafkaPartitions");
    assertThatThrownBy(() -> LocalStackOptions.builder().redisPort(70_000).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("redisPort");
    assertThatThrownBy(
            () -> LocalStackOptions.builder().kafkaPort(9092).kafkaControllerPort(9092).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must differ");
  }

  @Test
  void shouldRoundTripThroughBuilder() {
    LocalStackOptions options =
        LocalStackOptions.builder()
            .provider(Provider.TESTCONTAINERS)
            .externalKafka("k:9092")
            .externalPostgres("jdbc:postgresql://db/x", "u", "p")
            .externalRedis("redis://r:6379")
            .kafkaPartitions(6)
            .kafkaPort(19092)
            .kafkaControllerPort(19093)
            .postgresPort(15432)
            .redisPort(16379)
            .build();

    assertThat(options.toBuilder().build()).isEqualTo(options);
  }
}
