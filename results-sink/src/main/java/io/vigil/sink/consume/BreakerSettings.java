package io.vigil.sink.consume;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * The circuit breaker around each target's writes (count-based window of batch writes).
 *
 * @param failureRateThreshold percentage of failed writes in the window that opens the breaker
 * @param windowSize number of recent batch writes the failure rate is computed over
 * @param minimumCalls writes needed in the window before the rate counts
 * @param openDuration how long the breaker stays open (partitions paused) before one probe write
 */
public record BreakerSettings(
    float failureRateThreshold, int windowSize, int minimumCalls, Duration openDuration) {
  public BreakerSettings {
    Objects.requireNonNull(openDuration, "openDuration");
    if (failureRateThreshold <= 0 || failureRateThreshold > 100) {
      throw new IllegalArgumentException("failure rate must be in (0, 100]");
    }
    if (windowSize < 1 || minimumCalls < 1) {
      throw new IllegalArgumentException("window size and minimum calls must be at least 1");
    }
  }

  public static BreakerSettings defaults() {
    return new BreakerSettings(50, 10, 3, Duration.ofSeconds(30));
  }

  /**
   * One probe write in half-open state decides: a batch is the unit of work, and a second one would
   * only follow after the first. Rejected data means the target answered, so it is ignored.
   */
  public CircuitBreakerConfig toConfig() {
    return CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(windowSize)
        .minimumNumberOfCalls(Math.min(minimumCalls, windowSize))
        .failureRateThreshold(failureRateThreshold)
        .waitDurationInOpenState(openDuration)
        .permittedNumberOfCallsInHalfOpenState(1)
        .automaticTransitionFromOpenToHalfOpenEnabled(false)
        .ignoreExceptions(RejectedWriteException.class)
        .build();
  }
}
