package io.vigil.sink.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));

  @Test
  void shouldDoubleTheDelayAfterEachFurtherFailure() {
    assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(400));
    assertThat(backoff.delay(5)).isEqualTo(Duration.ofMillis(3_200));
  }

  @Test
  void shouldNeverWaitLongerThanTheMaximum() {
    assertThat(backoff.delay(8)).isEqualTo(Duration.ofSeconds(25).plusMillis(600));
    assertThat(backoff.delay(9)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void shouldRejectAMaximumBelowTheInitialDelay() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
