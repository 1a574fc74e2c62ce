package io.vigil.sink.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.serde.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query API on the sink's HTTP server, so users look anomalies up without SQL:
 *
 * <ul>
 *   <li>{@code GET /v1/anomalies?key=&from=&to=&severity=&limit=&cursor=}: the history, from
 *       PostgreSQL, newest first (event time descending, then anomaly id descending), with keyset
 *       pagination: the answer's {@code next} is the link to the following page (null on the last)
 *       and {@code cursor} its opaque cursor. {@code severity} is a minimum ({@code high} returns
 *       high and critical); {@code from} is inclusive, {@code to} exclusive.
 *   <li>{@code GET /v1/anomalies/latest?key=}: the series' latest anomaly (a list of at most one),
 *       and without key the most recently delivered anomalies over all series ({@code limit},
 *       default 100, at most the length of the overall recent list), from Redis.
 * </ul>
 *
 * <p>Bad parameters answer 400 with every problem named; a store that is down answers 503 (each
 * store has its own circuit breaker, {@code postgres-query} and {@code redis-query}, so a dead
 * store is not asked again on every request). Routes exist only for the enabled targets.
 */
public final class QueryRoutes {
  public static final String HISTORY_PATH = "/v1/anomalies";
  public static final String LATEST_PATH = "/v1/anomalies/latest";
  private static final String JSON = "application/json";
  private static final Logger log = LoggerFactory.getLogger(QueryRoutes.class);

  private final Optional<Guarded<AnomalyHistory>> history;
  private final Optional<Guarded<HotViewLookup>> hotView;
  private final ObjectMapper mapper = Json.newMapper();

  /** A store and the circuit breaker its queries pass through. */
  private record Guarded<T>(String store, T target, CircuitBreaker breaker) {}

  public QueryRoutes(
      Optional<AnomalyHistory> history,
      Optional<HotViewLookup> hotView,
      CircuitBreakerRegistry breakers) {
    // Only a store failure counts against the breaker, never a bad request or a bug.
    CircuitBreakerConfig config =
        CircuitBreakerConfig.from(breakers.getDefaultConfig())
            .recordExceptions(StoreUnavailableException.class)
            .permittedNumberOfCallsInHalfOpenState(3)
            .build();
    this.history =
        history.map(
            h -> new Guarded<>("postgres", h, breakers.circuitBreaker("postgres-query", config)));
    this.hotView =
        hotView.map(h -> new Guarded<>("redis", h, breakers.circuitBreaker("redis-query", config)));
  }

  /** Adds the routes of the enabled stores. */
  public void register(RoutesConfig routes) {
    history.ifPresent(h -> routes.get(HISTORY_PATH, ctx -> history(ctx, h)));
    hotView.ifPresent(h -> routes.get(LATEST_PATH, ctx -> latest(ctx, h)));
  }

  private void history(Context ctx, Guarded<AnomalyHistory> store) {
    QueryParameters.Parsed<AnomalyQuery> parsed = QueryParameters.history(ctx.queryParamMap());
    if (parsed.value().isEmpty()) {
      badRequest(ctx, parsed.problems());
      return;
    }
    AnomalyQuery query = parsed.value().get();
    call(
        ctx,
        store,
        () -> store.target().find(query),
        page -> {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("anomalies", page.anomalies());
          body.put("cursor", page.next().map(Cursor::encode).orElse(null));
          body.put("next", page.next().map(next -> nextLink(ctx, next)).orElse(null));
          return body;
        });
  }

  private void latest(Context ctx, Guarded<HotViewLookup> store) {
    QueryParameters.Parsed<QueryParameters.Latest> parsed =
        QueryParameters.latest(ctx.queryParamMap(), store.target().recentCapacity());
    if (parsed.value().isEmpty()) {
      badRequest(ctx, parsed.problems());
      return;
    }
    QueryParameters.Latest query = parsed.value().get();
    call(
        ctx,
        store,
        () ->
            query
                .key()
                .map(key -> store.target().latest(key).map(List::of).orElse(List.<Anomaly>of()))
                .orElseGet(() -> store.target().recent(query.limit())),
        anomalies -> Map.of("anomalies", anomalies));
  }

  /** Runs the store call through its breaker and answers 200, or 503 if the store is down. */
  private <T> void call(Context ctx, Guarded<?> store, Supplier<T> call, Function<T, Object> body) {
    T result;
    try {
      result = store.breaker().executeSupplier(call);
    } catch (CallNotPermittedException e) {
      unavailable(ctx, store.store(), "circuit breaker open after repeated failures");
      return;
    } catch (StoreUnavailableException e) {
      log.warn("query failed, {} unavailable: {}", store.store(), e.getMessage());
      unavailable(ctx, store.store(), e.getMessage());
      return;
    }
    respond(ctx, 200, body.apply(result));
  }

  /** The same parameters as this request with the next page's cursor. */
  private static String nextLink(Context ctx, Cursor next) {
    StringJoiner query = new StringJoiner("&", HISTORY_PATH + "?", "");
    ctx.queryParamMap()
        .forEach(
            (name, values) -> {
              if (!name.equals("cursor")) {
                values.forEach(value -> query.add(encode(name) + "=" + encode(value)));
              }
            });
    query.add("cursor=" + encode(next.encode()));
    return query.toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private void badRequest(Context ctx, List<ParameterProblem> problems) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", "invalid query parameters");
    body.put("problems", problems);
    respond(ctx, 400, body);
  }

  private void unavailable(Context ctx, String store, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", store + " unavailable, try again later");
    body.put("store", store);
    body.put("detail", detail);
    respond(ctx, 503, body);
  }

  private void respond(Context ctx, int status, Object body) {
    try {
      ctx.status(status).contentType(JSON).result(mapper.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the answer as JSON", e);
    }
  }
}
