package io.vigil.ingest.http;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * One resilience4j {@link RateLimiter} per client: {@code requests} per {@code period}, never
 * waiting (a request over the limit is refused at once with the time until the next permit).
 */
final class ClientRateLimits {
  private final RateLimiterRegistry registry;
  private final Duration period;

  ClientRateLimits(int requests, Duration period) {
    this.period = period;
    this.registry =
        RateLimiterRegistry.of(
            RateLimiterConfig.custom()
                .limitForPeriod(requests)
                .limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO)
                .build());
  }

  /** Empty when the client may go on; else the whole seconds to wait (at least 1). */
  OptionalLong tryAcquire(String client) {
    RateLimiter limiter = registry.rateLimiter(client);
    if (limiter.acquirePermission()) {
      return OptionalLong.empty();
    }
    long nanos =
        limiter instanceof AtomicRateLimiter atomic
            ? atomic.getDetailedMetrics().getNanosToWait()
            : period.toNanos();
    return OptionalLong.of(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
  }
}
