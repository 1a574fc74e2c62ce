package io.vigil.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.vigil.localstack.LocalStackOptions.Provider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/** LocalStack without servers of its own: external endpoints and the provider checks. */
class LocalStackTest {

  private static final LocalStackOptions ALL_EXTERNAL =
      LocalStackOptions.builder()
          .externalKafka("kafka-1:9092")
          .externalPostgres("jdbc:postgresql://db:5432/vigil", "vigil", "secret")
          .externalRedis("redis://cache:6379")
          .build();

  @Test
  void shouldHandExternalEndpointsThrough() {
    try (LocalStack stack = LocalStack.start(ALL_EXTERNAL)) {
      assertThat(stack.kafkaBootstrapServers()).isEqualTo("kafka-1:9092");
      assertThat(stack.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/vigil");
      assertThat(stack.jdbcUser()).isEqualTo("vigil");
      assertThat(stack.jdbcPassword()).isEqualTo("secret");
      assertThat(stack.redisUri()).isEqualTo("redis://cache:6379");
      assertThat(stack.kafka().external()).isTrue();
      assertThat(stack.postgres().external()).isTrue();
      assertThat(stack.redis().external()).isTrue();
    }
  }

  @Test
  void shouldRefuseToStopOrRestartExternalServers() {
    try (LocalStack stack = LocalStack.start(ALL_EXTERNAL)) {
      for (ServerNode node : new ServerNode[] {stack.kafka(), stack.postgres(), stack.redis()}) {
        assertThatThrownBy(node::stop)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("external");
        assertThatThrownBy(node::restart)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("external");
      }
    }
  }

  @Test
  void shouldCloseIdempotently() {
    LocalStack stack = LocalStack.start(ALL_EXTERNAL);
    stack.close();
    stack.close();
  }

  @Test
  void shouldNotNeedDockerWhenEverythingIsExternal() {
    LocalStackOptions options = ALL_EXTERNAL.toBuilder().provider(Provider.TESTCONTAINERS).build();
    try (LocalStack stack = LocalStack.start(options)) {
      assertThat(stack.redisUri()).isEqualTo("redis://cache:6379");
    }
  }

  @Test
  void shouldNameThePartThatFailedToStart() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      LocalStackOptions options =
          LocalStackOptions.builder()
              .externalKafka("kafka-1:9092")
              .externalPostgres("jdbc:postgresql://db:5432/vigil", "vigil", "")
              .redisPort(taken.getLocalPort())
              .build();

      assertThatThrownBy(() -> LocalStack.start(options))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("redis (embedded) failed")
          .hasMessageContaining(Integer.toString(taken.getLocalPort()));
    }
  }

  @Test
  void shouldSayDockerIsMissingForTestcontainers() {
    assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "Docker is available here");
    LocalStackOptions options =
        LocalStackOptions.builder()
            .provider(Provider.TESTCONTAINERS)
            .externalKafka("kafka-1:9092")
            .externalPostgres("jdbc:postgresql://db:5432/vigil", "vigil", "")
            .build();

    assertThatThrownBy(() -> LocalStack.start(options))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Docker is not available");
  }
}
