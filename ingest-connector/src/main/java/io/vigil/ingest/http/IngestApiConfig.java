package io.vigil.ingest.http;

import io.vigil.runtime.config.Settings;
import io.vigil.runtime.http.ApiKeys;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@code POST /v1/events}, each also settable as the environment variable in brackets:
 *
 * <ul>
 *   <li>{@code vigil.ingest.api.keys} [VIGIL_INGEST_API_KEYS, or a file named by
 *       VIGIL_INGEST_API_KEYS_FILE], required: {@code client-a:<sha256 hex>,client-b:<sha256 hex>},
 *       see {@link ApiKeys}
 *   <li>{@code vigil.ingest.max.body.bytes} [VIGIL_INGEST_MAX_BODY_BYTES]: larger bodies get 413,
 *       default 5242880 (5 MiB)
 *   <li>{@code vigil.ingest.max.batch.events} [VIGIL_INGEST_MAX_BATCH_EVENTS]: more events in one
 *       body get 413, default 10000
 *   <li>{@code vigil.ingest.rate.limit.requests} [VIGIL_INGEST_RATE_LIMIT_REQUESTS]: requests a
 *       client may make per period, default 100; more get 429 with {@code Retry-After}
 *   <li>{@code vigil.ingest.rate.limit.period} [VIGIL_INGEST_RATE_LIMIT_PERIOD]: default {@code 1s}
 *   <li>{@code vigil.ingest.max.in.flight.events} [VIGIL_INGEST_MAX_IN_FLIGHT_EVENTS]: events sent
 *       and not yet acknowledged by the broker, over all requests; a batch that does not fit gets
 *       503 at once, default 100000
 *   <li>{@code vigil.ingest.send.timeout} [VIGIL_INGEST_SEND_TIMEOUT]: longest a request waits for
 *       the producer to take a record (its {@code max.block.ms}: buffer full, no metadata), default
 *       {@code 1s}
 *   <li>{@code vigil.ingest.delivery.timeout} [VIGIL_INGEST_DELIVERY_TIMEOUT]: longest a request
 *       waits for the broker's acknowledgement (the producer's {@code delivery.timeout.ms}),
 *       default {@code 10s}
 * </ul>
 *
 * A request is therefore answered within about {@code send.timeout + delivery.timeout} even when
 * the broker is gone.
 */
public record IngestApiConfig(
    ApiKeys apiKeys,
    int maxBodyBytes,
    int maxBatchEvents,
    int rateLimitRequests,
    Duration rateLimitPeriod,
    int maxInFlightEvents,
    Duration sendTimeout,
    Duration deliveryTimeout) {
  private static final String PREFIX = "vigil.ingest.";

  public IngestApiConfig {
    Objects.requireNonNull(apiKeys, "apiKeys");
    Objects.requireNonNull(rateLimitPeriod, "rateLimitPeriod");
    Objects.requireNonNull(sendTimeout, "sendTimeout");
    Objects.requireNonNull(deliveryTimeout, "deliveryTimeout");
  }

  /** Reads the settings; problems are collected in {@code settings} (call its validate()). */
  public static IngestApiConfig from(Settings settings) {
    String keysKey = PREFIX + "api.keys";
    ApiKeys keys = ApiKeys.parse("");
    try {
      keys = ApiKeys.parse(settings.secret(keysKey, ""));
      if (keys.isEmpty()) {
        settings.problem(keysKey + " (" + Settings.envName(keysKey) + ") is required");
      }
    } catch (IllegalArgumentException e) {
      settings.problem(keysKey + " (" + Settings.envName(keysKey) + "): " + e.getMessage());
    }
    return new IngestApiConfig(
        keys,
        settings.integer(PREFIX + "max.body.bytes", 5 * 1024 * 1024, 1024, 512 * 1024 * 1024),
        settings.integer(PREFIX + "max.batch.events", 10_000, 1, 10_000_000),
        settings.integer(PREFIX + "rate.limit.requests", 100, 1, 10_000_000),
        settings.positiveDuration(PREFIX + "rate.limit.period", Duration.ofSeconds(1)),
        settings.integer(PREFIX + "max.in.flight.events", 100_000, 1, 100_000_000),
        settings.positiveDuration(PREFIX + "send.timeout", Duration.ofSeconds(1)),
        settings.positiveDuration(PREFIX + "delivery.timeout", Duration.ofSeconds(10)));
  }
}
