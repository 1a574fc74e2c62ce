package io.vigil.ingest.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vigil.runtime.metrics.ServiceErrors;
import java.util.concurrent.TimeUnit;

/**
 * The ingest API's metrics. Label values are bounded: {@code client} is a configured client id (or
 * {@code anonymous} before authentication), {@code reason} a {@link
 * io.vigil.schemas.event.RejectionKind} or {@code duplicate_id}, {@code status} an HTTP status.
 *
 * <ul>
 *   <li>{@code vigil_ingest_requests_total{route,status,client}}
 *   <li>{@code vigil_ingest_request_duration_seconds{route,status}} (histogram)
 *   <li>{@code vigil_ingest_requests_rate_limited_total{client}}: refused by the rate limit (429)
 *   <li>{@code vigil_ingest_events_accepted_total{client}}: acknowledged by the broker
 *   <li>{@code vigil_ingest_events_rejected_total{client,reason}}
 *   <li>{@code vigil_ingest_produce_latency_seconds} (histogram): first send of a batch to its last
 *       acknowledgement
 *   <li>{@code vigil_ingest_producer_buffer_used_bytes}, {@code vigil_ingest_in_flight_events}
 *       (gauges, registered by the application)
 * </ul>
 */
final class IngestMetrics {
  static final String ROUTE = "/v1/events";
  private final MeterRegistry registry;
  private final Timer produceLatency;

  IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.produceLatency =
        Timer.builder("vigil.ingest.produce.latency")
            .description("From the first send of a batch to its last broker acknowledgement")
            .publishPercentileHistogram()
            .register(registry);
  }

  MeterRegistry registry() {
    return registry;
  }

  void request(int status, String client, long durationNanos) {
    String code = Integer.toString(status);
    Counter.builder("vigil.ingest.requests")
        .description("Ingest API requests")
        .tags("route", ROUTE, "status", code, "client", client)
        .register(registry)
        .increment();
    Timer.builder("vigil.ingest.request.duration")
        .description("Ingest API request duration")
        .tags("route", ROUTE, "status", code)
        .publishPercentileHistogram()
        .register(registry)
        .record(durationNanos, TimeUnit.NANOSECONDS);
  }

  /** A batch could not be handed to the broker ({@code vigil_errors_total}). */
  void publishFailed(Exception cause) {
    new ServiceErrors(registry).record("kafka-producer", cause);
  }

  void rateLimited(String client) {
    Counter.builder("vigil.ingest.requests.rate.limited")
        .description("Ingest API requests refused with 429 by the client's rate limit")
        .tag("client", client)
        .register(registry)
        .increment();
  }

  void accepted(String client, int count) {
    if (count > 0) {
      Counter.builder("vigil.ingest.events.accepted")
          .description("Events acknowledged by the broker")
          .tag("client", client)
          .register(registry)
          .increment(count);
    }
  }

  void rejected(String client, String reason) {
    Counter.builder("vigil.ingest.events.rejected")
        .description("Events refused by validation")
        .tags("client", client, "reason", reason)
        .register(registry)
        .increment();
  }

  void produced(long nanos) {
    produceLatency.record(nanos, TimeUnit.NANOSECONDS);
  }
}
