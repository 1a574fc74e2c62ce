package io.vigil.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.vigil.schemas.event.Event;
import io.vigil.schemas.event.EventParser;
import io.vigil.schemas.event.ParseResult;
import io.vigil.schemas.event.Rejection;
import io.vigil.schemas.event.RejectionKind;
import io.vigil.schemas.serde.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code POST /v1/events}. In order: request id, authentication (401), per-client rate limit (429),
 * content type (415), size (413), batch split (400, 413), per-event validation (rejected events are
 * reported in the answer, counted and not produced), then the valid events are produced and the
 * answer waits for the broker's acknowledgement of every one: 202 means all accepted events are
 * written with {@code acks=all}; 503 means the broker did not take them in time (some may have been
 * written: a retry may duplicate them).
 */
public final class IngestApi {
  /** Header carrying the request id, taken from the request when sane, else generated. */
  public static final String REQUEST_ID = "X-Request-Id";

  private static final Logger log = LoggerFactory.getLogger(IngestApi.class);
  private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final String ANONYMOUS = "anonymous";

  private final IngestApiConfig config;
  private final EventParser parser;
  private final EventPublisher publisher;
  private final ClientRateLimits rateLimits;
  private final IngestMetrics metrics;
  private final ObjectMapper json = Json.newMapper();

  IngestApi(
      IngestApiConfig config, EventParser parser, EventPublisher publisher, IngestMetrics metrics) {
    this.config = config;
    this.parser = parser;
    this.publisher = publisher;
    this.metrics = metrics;
    this.rateLimits = new ClientRateLimits(config.rateLimitRequests(), config.rateLimitPeriod());
  }

  /** Adds the route. */
  public void routes(RoutesConfig routes) {
    routes.post(IngestMetrics.ROUTE, this::handle);
  }

  private void handle(Context ctx) {
    Call call = new Call(ctx, requestId(ctx.header(REQUEST_ID)));
    ctx.header(REQUEST_ID, call.requestId);
    Optional<String> client = config.apiKeys().clientFor(ctx.header("Authorization"));
    if (client.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"vigil\"");
      call.error(401, "missing or unknown API key");
      return;
    }
    call.client = client.get();
    OptionalLong wait = rateLimits.tryAcquire(call.client);
    if (wait.isPresent()) {
      metrics.rateLimited(call.client);
      ctx.header("Retry-After", Long.toString(wait.getAsLong()));
      call.error(
          429,
          "rate limit of "
              + config.rateLimitRequests()
              + " requests per "
              + config.rateLimitPeriod()
              + " exceeded");
      return;
    }
    Optional<BatchFormat> format = BatchFormat.of(ctx.contentType());
    if (format.isEmpty()) {
      call.error(
          415,
          "Content-Type must be application/json (an array of events) or "
              + "application/x-ndjson (one event per line), UTF-8");
      return;
    }
    byte[] body = readBody(ctx);
    if (body == null) {
      call.error(413, "body larger than " + config.maxBodyBytes() + " bytes");
      return;
    }
    List<byte[]> items;
    try {
      items = BatchReader.split(body, format.get(), config.maxBatchEvents());
    } catch (BatchReader.UnreadableBodyException e) {
      call.error(400, e.getMessage());
      return;
    } catch (BatchReader.TooManyEventsException e) {
      call.error(413, e.getMessage());
      return;
    }
    validateAndPublish(call, items);
  }

  private void validateAndPublish(Call call, List<byte[]> items) {
    List<Event> valid = new ArrayList<>(items.size());
    List<Map<String, Object>> rejected = new ArrayList<>();
    Map<String, Integer> ids = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      ParseResult<Event> result = parser.parse(items.get(i));
      if (result instanceof ParseResult.Rejected<Event> r) {
        Rejection rejection = r.rejection();
        rejected.add(rejection(i, rejection.reason()));
        metrics.rejected(call.client, RejectionKind.of(rejection));
        continue;
      }
      Event event = ((ParseResult.Accepted<Event>) result).value();
      Integer first = event.id() == null ? null : ids.putIfAbsent(event.id(), i);
      if (first != null) {
        rejected.add(rejection(i, "/id: duplicates the id of event " + first + " of this batch"));
        metrics.rejected(call.client, "duplicate_id");
        continue;
      }
      valid.add(event);
    }
    if (valid.isEmpty()) {
      call.accepted(0, rejected);
      return;
    }
    CompletableFuture<Void> sent;
    try {
      sent = publisher.publish(valid);
    } catch (EventPublisher.UnavailableException e) {
      call.unavailable(e.getMessage());
      return;
    }
    call.ctx.future(
        () ->
            sent.handle(
                (ok, failure) -> {
                  if (failure == null) {
                    metrics.accepted(call.client, valid.size());
                    call.accepted(valid.size(), rejected);
                  } else {
                    call.unavailable("the broker did not acknowledge the events: " + failure);
                  }
                  return null;
                }));
  }

  private static Map<String, Object> rejection(int index, String reason) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("index", index);
    entry.put("reason", reason);
    return entry;
  }

  /** The body, or null when it is over the limit (read no further than the limit). */
  private byte[] readBody(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > config.maxBodyBytes()) {
      return null;
    }
    try (InputStream in = ctx.bodyInputStream()) {
      byte[] body = in.readNBytes(config.maxBodyBytes() + 1);
      return body.length > config.maxBodyBytes() ? null : body;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String requestId(String given) {
    return given != null && SANE_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
  }

  /** One request: its id, client and start time, and how it is answered. */
  private final class Call {
    final Context ctx;
    final String requestId;
    final long startNanos = System.nanoTime();
    String client = ANONYMOUS;

    Call(Context ctx, String requestId) {
      this.ctx = ctx;
      this.requestId = requestId;
    }

    void accepted(int accepted, List<Map<String, Object>> rejected) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("accepted", accepted);
      body.put("rejected", rejected);
      answer(202, body, null);
    }

    void unavailable(String message) {
      ctx.header("Retry-After", "1");
      error(503, message);
    }

    void error(int status, String message) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("error", message);
      body.put("requestId", requestId);
      answer(status, body, message);
    }

    private void answer(int status, Map<String, Object> body, String problem) {
      try {
        ctx.status(status).contentType("application/json").result(json.writeValueAsBytes(body));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      long nanos = System.nanoTime() - startNanos;
      metrics.request(status, client, nanos);
      try (MDC.MDCCloseable id = MDC.putCloseable("request.id", requestId);
          MDC.MDCCloseable who = MDC.putCloseable("client", client)) {
        if (status >= 500) {
          log.warn(
              "POST {} {} in {} ms: {}", IngestMetrics.ROUTE, status, nanos / 1_000_000, problem);
        } else if (problem != null) {
          log.info("POST {} {}: {}", IngestMetrics.ROUTE, status, problem);
        } else {
          log.debug("POST {} {} in {} ms", IngestMetrics.ROUTE, status, nanos / 1_000_000);
        }
      }
    }
  }
}
