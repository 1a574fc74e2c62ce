package io.vigil.runtime.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code http_server_requests_seconds{method,uri,status,outcome}} for every request of an admin
 * server, with a percentile histogram for latency quantiles. {@code uri} is the route template
 * (e.g. {@code /v1/models/{key}}), never the raw path, and {@code NOT_FOUND} for requests no route
 * matched, so cardinality stays bounded.
 */
final class HttpRequestMetrics {
  static final String NOT_FOUND = "NOT_FOUND";

  private final MeterRegistry registry;

  HttpRequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void record(Context ctx, float millis) {
    int status = ctx.statusCode();
    Timer.builder("http.server.requests")
        .description("HTTP requests served, by route template and status")
        .tag("method", ctx.method().name().toUpperCase(Locale.ROOT))
        .tag("uri", route(ctx, status))
        .tag("status", Integer.toString(status))
        .tag("outcome", Outcome.forStatus(status).name())
        .publishPercentileHistogram()
        .register(registry)
        .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
  }

  private static String route(Context ctx, int status) {
    if (status == 404) {
      return NOT_FOUND;
    }
    try {
      return ctx.endpoint().path;
    } catch (RuntimeException noEndpoint) {
      return NOT_FOUND;
    }
  }
}
