package io.vigil.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ClientRateLimitsTest {

  @Test
  void shouldRefuseARequestOverTheLimitWithTheSecondsToTheNextPeriod() {
    ClientRateLimits limits = new ClientRateLimits(2, Duration.ofHours(1));

    assertThat(limits.tryAcquire("a")).isEmpty();
    assertThat(limits.tryAcquire("a")).isEmpty();
    OptionalLong wait = limits.tryAcquire("a");

    assertThat(wait).isPresent();
    assertThat(wait.getAsLong()).isBetween(3_590L, 3_600L);
    assertThat(limits.tryAcquire("b")).as("each client has its own limit").isEmpty();
  }

  @Test
  void shouldAskForWholeSecondsWithinOnePeriod() {
    ClientRateLimits limits = new ClientRateLimits(1, Duration.ofMillis(10_500));

    assertThat(limits.tryAcquire("a")).isEmpty();
    OptionalLong wait = limits.tryAcquire("a");

    assertThat(wait).isPresent();
    assertThat(wait.getAsLong()).as("rounded up, never 0").isBetween(1L, 11L);
  }
}
