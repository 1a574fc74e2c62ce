package io.vigil.sink.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.runtime.http.Health;
import io.vigil.runtime.http.HealthCheck;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.feedback.Feedback;
import io.vigil.schemas.feedback.Label;
import io.vigil.schemas.serde.Json;
import io.vigil.sink.query.AnomalyFeed;
import io.vigil.sink.query.AnomalyHistory;
import io.vigil.sink.query.HotViewLookup;
import io.vigil.sink.query.StoreUnavailableException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console on the sink's HTTP server: the pages (one HTML shell and its script, which draws
 * every page from the JSON below; producer strings are only ever set as text) and their JSON:
 *
 * <ul>
 *   <li>{@code GET /}, {@code /series/<key>}, {@code /anomaly/<id>}, {@code /search}: the pages
 *   <li>{@code GET /assets/<file>}, {@code /assets/uplot/<file>}: script, style, and uPlot from its
 *       WebJar
 *   <li>{@code GET /v1/console/config}: whether labelling is on and model summaries are available
 *   <li>{@code GET /v1/console/overview}: anomalies per minute and severity over the last hour, the
 *       series with most anomalies in it, the latest anomalies, pipeline health
 *   <li>{@code GET /v1/console/series?key=&points=}: the series' recent scores (values, expected
 *       value and band) and its anomalies in that window
 *   <li>{@code GET /v1/console/model?key=}: the processor's model summary of the key
 *   <li>{@code GET /v1/console/anomaly?id=}: one anomaly
 *   <li>{@code GET /v1/console/live}: server-sent events, {@code anomaly} with each new anomaly's
 *       JSON, from the hot view's pub/sub channel
 *   <li>{@code POST /v1/console/feedback}: {@code {"anomalyId":..,"label":"confirmed" |
 *       "false_positive","comment":..}} with {@code Authorization: Bearer <key>}; 202 once the
 *       label is on the feedback topic, 401 without a valid key, 403 when no key is configured
 * </ul>
 */
public final class ConsoleRoutes implements AutoCloseable {
  static final Duration OVERVIEW_SPAN = Duration.ofHours(1);
  private static final int TOP_SERIES = 10;
  private static final int LATEST = 20;
  private static final int MAX_POINTS = 5_000;
  private static final String JSON = "application/json";
  private static final Logger log = LoggerFactory.getLogger(ConsoleRoutes.class);

  private final ConsoleSettings settings;
  private final Optional<AnomalyHistory> history;
  private final Optional<HotViewLookup> hotView;
  private final Optional<AnomalyFeed> feed;
  private final Optional<Supplier<FeedbackPublisher>> publisherFactory;
  private final Optional<ProcessorClient> processor;
  private final Map<String, HealthCheck> checks;
  private final MeterRegistry registry;
  private final Clock clock;
  private final StaticAssets assets = StaticAssets.load();
  private final ObjectMapper mapper = Json.newMapper();
  private final AtomicReference<Sample> lastScored = new AtomicReference<>();
  private FeedbackPublisher publisher; // guarded by this; opened on the first label

  /** Events scored by then, for a rate between two overview requests. */
  private record Sample(Instant at, double events) {}

  /**
   * @param publisherFactory opens the feedback topic's producer; empty when the sink has no
   *     feedback loop (labels would never reach PostgreSQL)
   */
  public ConsoleRoutes(
      ConsoleSettings settings,
      Optional<AnomalyHistory> history,
      Optional<HotViewLookup> hotView,
      Optional<AnomalyFeed> feed,
      Optional<Supplier<FeedbackPublisher>> publisherFactory,
      Map<String, HealthCheck> checks,
      MeterRegistry registry,
      Clock clock) {
    this.settings = settings;
    this.history = history;
    this.hotView = hotView;
    this.feed = feed;
    this.publisherFactory = publisherFactory;
    this.processor =
        settings.processor().map(url -> new ProcessorClient(url, settings.processorTimeout()));
    this.checks = Map.copyOf(checks);
    this.registry = registry;
    this.clock = clock;
  }

  /** The producer of labels for the feedback topic of this Kafka cluster. */
  public static Supplier<FeedbackPublisher> publisher(
      io.vigil.runtime.config.KafkaSettings kafka, String topic) {
    return () -> FeedbackPublisher.create(kafka, topic);
  }

  public void register(RoutesConfig routes) {
    for (String page : List.of("/", "/series/<key>", "/anomaly/<id>", "/search")) {
      routes.get(page, this::page);
    }
    routes.get("/assets/uplot/{file}", ctx -> asset(ctx, assets.uplot(ctx.pathParam("file"))));
    routes.get("/assets/{file}", ctx -> asset(ctx, assets.own(ctx.pathParam("file"))));
    routes.get("/v1/console/config", this::config);
    routes.get("/v1/console/overview", this::overview);
    routes.get("/v1/console/series", this::series);
    routes.get("/v1/console/model", this::model);
    routes.get("/v1/console/anomaly", this::anomaly);
    routes.sse("/v1/console/live", this::live);
    routes.post("/v1/console/feedback", this::feedback);
  }

  private void page(Context ctx) {
    // The page runs only its own script: an injected tag could not run even if one got through.
    ctx.header(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.contentType("text/html; charset=utf-8").result(assets.page());
  }

  private static void asset(Context ctx, Optional<StaticAssets.Asset> asset) {
    if (asset.isEmpty()) {
      ctx.status(404).result("not found");
      return;
    }
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Cache-Control", "max-age=300");
    ctx.contentType(asset.get().contentType()).result(asset.get().bytes());
  }

  private void config(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "writable", settings.writable() && publisherFactory.isPresent() && history.isPresent());
    body.put("models", processor.isPresent());
    body.put("history", history.isPresent());
    body.put("hotView", hotView.isPresent());
    respond(ctx, 200, body);
  }

  private void overview(Context ctx) {
    Instant now = clock.instant();
    Instant since = now.minus(OVERVIEW_SPAN);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("now", now);
    body.put(
        "perMinute",
        hotView
            .map(h -> quietly(() -> h.perMinute(since.plusSeconds(60), 60), List.of()))
            .orElse(List.of()));
    body.put(
        "top",
        history.map(h -> quietly(() -> h.topKeys(since, TOP_SERIES), List.of())).orElse(List.of()));
    body.put(
        "latest", hotView.map(h -> quietly(() -> h.recent(LATEST), List.of())).orElse(List.of()));
    body.put("health", health(now));
    respond(ctx, 200, body);
  }

  /** A store that is down leaves its part of the overview empty; health shows why. */
  private static <T> T quietly(Supplier<T> call, T fallback) {
    try {
      return call.get();
    } catch (StoreUnavailableException e) {
      return fallback;
    }
  }

  private Map<String, Object> health(Instant now) {
    Map<String, Object> sink = new LinkedHashMap<>();
    boolean sinkUp = true;
    Map<String, String> sinkChecks = new TreeMap<>();
    for (Map.Entry<String, HealthCheck> check : checks.entrySet()) {
      Health health = check.getValue().checkSafely();
      sinkUp &= health.up();
      sinkChecks.put(check.getKey(), health.up() ? "UP" : "DOWN: " + health.detail());
    }
    sink.put("ready", sinkUp);
    sink.put("checks", sinkChecks);
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("sink", sink);
    Map<String, Object> proc = new LinkedHashMap<>();
    proc.put("configured", processor.isPresent());
    processor.ifPresent(
        p -> {
          proc.put("ready", p.ready());
          p.eventsScored().ifPresent(events -> proc.put("eventsPerSecond", rate(now, events)));
        });
    health.put("processor", proc);
    health.put("lag", lagByGroup());
    return health;
  }

  private Double rate(Instant now, double events) {
    Sample previous = lastScored.getAndSet(new Sample(now, events));
    if (previous == null || !now.isAfter(previous.at()) || events < previous.events()) {
      return null;
    }
    double seconds = Duration.between(previous.at(), now).toMillis() / 1000.0;
    return (events - previous.events()) / seconds;
  }

  /** {@code vigil_kafka_consumer_group_lag} summed per watched group. */
  private Map<String, Long> lagByGroup() {
    Map<String, Long> lag = new TreeMap<>();
    for (Gauge gauge : registry.find("vigil.kafka.consumer.group.lag").gauges()) {
      String group = gauge.getId().getTag("group");
      double value = gauge.value();
      if (group != null && Double.isFinite(value)) {
        lag.merge(group, (long) value, Long::sum);
      }
    }
    return lag;
  }

  private void series(Context ctx) {
    Optional<String> required = required(ctx, "key");
    if (required.isEmpty()) {
      return;
    }
    String key = required.get();
    int points = MAX_POINTS;
    String asked = ctx.queryParam("points");
    if (asked != null) {
      try {
        points = Integer.parseInt(asked);
      } catch (NumberFormatException e) {
        points = -1;
      }
      if (points < 1 || points > MAX_POINTS) {
        respond(ctx, 400, Map.of("error", "points must be 1 to " + MAX_POINTS));
        return;
      }
    }
    int limit = points;
    try {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("key", key);
      body.put("scores", hotView.map(h -> h.scores(key, limit)).orElse(List.of()));
      body.put("latest", hotView.flatMap(h -> h.latest(key)).orElse(null));
      respond(ctx, 200, body);
    } catch (StoreUnavailableException e) {
      respond(ctx, 503, Map.of("error", "redis unavailable, try again later"));
    }
  }

  private void model(Context ctx) {
    Optional<String> key = required(ctx, "key");
    if (key.isEmpty()) {
      return;
    }
    if (processor.isEmpty()) {
      respond(ctx, 404, Map.of("error", "no processor configured (vigil.console.processor.url)"));
      return;
    }
    try {
      ProcessorClient.Answer answer = processor.get().model(key.get());
      ctx.status(answer.status()).contentType(JSON).result(answer.body());
    } catch (IOException e) {
      respond(ctx, 502, Map.of("error", "processor unreachable: " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      respond(ctx, 503, Map.of("error", "interrupted"));
    }
  }

  private void anomaly(Context ctx) {
    Optional<String> id = required(ctx, "id");
    if (id.isEmpty()) {
      return;
    }
    if (history.isEmpty()) {
      respond(ctx, 404, Map.of("error", "no history (the PostgreSQL target is off)"));
      return;
    }
    try {
      Optional<Anomaly> anomaly = history.get().byId(id.get());
      if (anomaly.isEmpty()) {
        respond(ctx, 404, Map.of("error", "no anomaly with this id"));
      } else {
        respond(ctx, 200, anomaly.get());
      }
    } catch (StoreUnavailableException e) {
      respond(ctx, 503, Map.of("error", "postgres unavailable, try again later"));
    }
  }

  private void live(SseClient client) {
    client.keepAlive();
    if (feed.isEmpty()) {
      client.close();
      return;
    }
    // Tells the page the stream is open (and proxies that buffer to flush).
    client.sendComment("live");
    AnomalyFeed.Subscription subscription =
        feed.get()
            .subscribe(
                json -> {
                  if (!client.terminated()) {
                    client.sendEvent("anomaly", json);
                  }
                });
    client.onClose(subscription::close);
  }

  private void feedback(Context ctx) {
    if (!settings.writable() || publisherFactory.isEmpty() || history.isEmpty()) {
      respond(
          ctx,
          403,
          Map.of(
              "error",
              "the console is read-only: labelling needs vigil.console.api.keys, the PostgreSQL"
                  + " target and the feedback loop"));
      return;
    }
    Optional<String> client = settings.writers().clientFor(ctx.header("Authorization"));
    if (client.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer");
      respond(ctx, 401, Map.of("error", "a valid API key is required (Authorization: Bearer)"));
      return;
    }
    JsonNode body;
    try {
      body = mapper.readTree(ctx.body());
    } catch (JsonProcessingException e) {
      respond(ctx, 400, Map.of("error", "body must be JSON"));
      return;
    }
    String id = body == null ? null : body.path("anomalyId").asText(null);
    String label = body == null ? null : body.path("label").asText("");
    String comment = body == null ? null : body.path("comment").asText(null);
    Optional<Label> parsed =
        java.util.Arrays.stream(Label.values()).filter(l -> l.wireName().equals(label)).findFirst();
    if (id == null || id.isBlank() || parsed.isEmpty()) {
      respond(
          ctx,
          400,
          Map.of("error", "anomalyId and label (confirmed or false_positive) are required"));
      return;
    }
    if (comment != null
        && comment.codePointCount(0, comment.length()) > Feedback.MAX_COMMENT_LENGTH) {
      respond(ctx, 400, Map.of("error", "comment too long"));
      return;
    }
    try {
      Optional<Anomaly> anomaly = history.get().byId(id);
      if (anomaly.isEmpty()) {
        respond(ctx, 404, Map.of("error", "no anomaly with this id"));
        return;
      }
      // The key comes from the stored anomaly, never from the request.
      Feedback feedback =
          new Feedback(
              id, anomaly.get().key(), parsed.get(), client.get(), clock.instant(), comment);
      publisher().publish(feedback);
      log.info(
          "label {} on anomaly {} by {}",
          parsed.get().wireName(),
          id,
          client.get().toLowerCase(Locale.ROOT));
      respond(ctx, 202, Map.of("status", "accepted", "label", parsed.get()));
    } catch (StoreUnavailableException e) {
      respond(ctx, 503, Map.of("error", "postgres unavailable, try again later"));
    } catch (IllegalStateException e) {
      respond(ctx, 503, Map.of("error", e.getMessage()));
    }
  }

  /** The query parameter, or empty after answering 400 when it is missing or blank. */
  private Optional<String> required(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      respond(ctx, 400, Map.of("error", name + " is required"));
      return Optional.empty();
    }
    return Optional.of(value);
  }

  private synchronized FeedbackPublisher publisher() {
    if (publisher == null) {
      publisher = publisherFactory.orElseThrow().get();
    }
    return publisher;
  }

  private void respond(Context ctx, int status, Object body) {
    try {
      ctx.status(status).contentType(JSON).result(mapper.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the answer as JSON", e);
    }
  }

  @Override
  public synchronized void close() {
    if (publisher != null) {
      publisher.close();
      publisher = null;
    }
  }
}
