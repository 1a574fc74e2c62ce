package io.vigil.sink.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import org.junit.jupiter.api.Test;

class RedisStoreTest {

  @Test
  void shouldDescribeARefusedAuthByItsRootCause() {
    RedisConnectionException refused =
        new RedisConnectionException(
            "Unable to connect to 127.0.0.1:6379",
            new RedisCommandExecutionException("WRONGPASS invalid username-password pair"));

    assertThat(RedisStore.describe(refused))
        .isEqualTo("Unable to connect to 127.0.0.1:6379: WRONGPASS invalid username-password pair");
  }

  @Test
  void shouldDescribeAFailureWithoutCauseByItself() {
    assertThat(RedisStore.describe(new IllegalStateException("closed")))
        .isEqualTo("java.lang.IllegalStateException: closed");
  }
}
