package io.vigil.ingest.http;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One resilience4j {@link RateLimiter} per client: {@code requests} per {@code period}, never
 * waiting (a request over the limit is refused at once with the time until the next permit).
 */
final class ClientRateLimits {
  /**
   * A client's limiter and when it was made. A limiter refreshes its permits every period counted
   * from its creation, so the time to the next refresh follows from that instant and the public API
   * alone.
   */
  private record Client(RateLimiter limiter, long createdNanos) {}

  private final RateLimiterConfig config;
  private final long periodNanos;
  private final ConcurrentMap<String, Client> clients = new ConcurrentHashMap<>();

  ClientRateLimits(int requests, Duration period) {
    this.periodNanos = period.toNanos();
    this.config =
        RateLimiterConfig.custom()
            .limitForPeriod(requests)
            .limitRefreshPeriod(period)
            .timeoutDuration(Duration.ZERO)
            .build();
  }

  /** Empty when the client may go on; else the whole seconds to wait (at least 1). */
  OptionalLong tryAcquire(String client) {
    Client limits =
        clients.computeIfAbsent(
            client, name -> new Client(RateLimiter.of(name, config), System.nanoTime()));
    if (limits.limiter().acquirePermission()) {
      return OptionalLong.empty();
    }
    long intoPeriod = (System.nanoTime() - limits.createdNanos()) % periodNanos;
    long nanos = periodNanos - intoPeriod;
    return OptionalLong.of(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
  }
}
