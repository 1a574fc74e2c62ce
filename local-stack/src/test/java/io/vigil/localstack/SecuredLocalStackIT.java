package io.vigil.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vigil.localstack.kafka.EmbeddedKafkaNode;
import io.vigil.localstack.kafka.KafkaSaslSsl;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The secured stack: Kafka only over SASL_SSL with SCRAM-SHA-512, Redis only with AUTH. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredLocalStackIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private LocalStack stack;
  private KafkaSaslSsl saslSsl;

  @BeforeAll
  void start() {
    stack = LocalStack.start(LocalStackOptions.builder().secured(true).build());
    saslSsl = ((EmbeddedKafkaNode) stack.kafka()).saslSsl().orElseThrow();
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  void shouldLetAScramUserInOverTls() throws Exception {
    try (Admin admin = admin(stack.kafkaClientProperties())) {
      admin.createTopics(List.of(new NewTopic("secured-topic", 1, (short) 1))).all().get();
      assertThat(admin.listTopics().names().get()).contains("secured-topic");
    }
  }

  @Test
  void shouldRefuseAClientWithoutCredentials() {
    Map<String, Object> tlsOnly = new HashMap<>(saslSsl.tlsOnly());
    tlsOnly.put("bootstrap.servers", stack.kafkaBootstrapServers());
    // The SASL_SSL listener expects a SASL handshake after TLS and drops the connection, so the
    // client never gets an answer; without TLS the handshake already fails.
    assertNoAnswer(tlsOnly);
    assertNoAnswer(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()));
  }

  private static void assertNoAnswer(Map<String, ?> props) {
    Map<String, Object> config = new HashMap<>(props);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    Admin admin = Admin.create(config);
    try {
      assertThatThrownBy(() -> admin.listTopics().names().get())
          .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
    } finally {
      admin.close(Duration.ZERO);
    }
  }

  @Test
  void shouldRefuseAWrongPassword() {
    Map<String, Object> wrong =
        new HashMap<>(saslSsl.clientProperties(saslSsl.user(), "not-the-password"));
    wrong.put("bootstrap.servers", stack.kafkaBootstrapServers());
    try (Admin admin = admin(wrong)) {
      assertThatThrownBy(() -> admin.listTopics().names().get())
          .hasCauseInstanceOf(SaslAuthenticationException.class)
          .hasMessageContaining("Authentication failed");
    }
  }

  @Test
  void shouldRequireTheRedisPassword() {
    RedisURI bare = RedisURI.create(stack.redisUri());
    RedisClient client = RedisClient.create(bare);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      assertThatThrownBy(() -> connection.sync().ping()).hasMessageContaining("NOAUTH");
    } catch (RedisConnectionException e) {
      assertThat(e).hasStackTraceContaining("NOAUTH");
    } finally {
      client.shutdown();
    }
    RedisURI authenticated = RedisURI.create(stack.redisUri());
    authenticated.setAuthentication(stack.redis().password().orElseThrow());
    RedisClient good = RedisClient.create(authenticated);
    try (StatefulRedisConnection<String, String> connection = good.connect()) {
      assertThat(connection.sync().ping()).isEqualTo("PONG");
    } finally {
      good.shutdown();
    }
  }

  private static Admin admin(Map<String, ?> props) {
    Map<String, Object> config = new HashMap<>(props);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis());
    return Admin.create(config);
  }
}
