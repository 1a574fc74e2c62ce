package io.vigil.launcher.monitoring;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.vigil.ingest.http.IngestApplication;
import io.vigil.ingest.http.IngestServiceConfig;
import io.vigil.localstack.LocalStack;
import io.vigil.localstack.internal.FreePorts;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.processor.ProcessorApplication;
import io.vigil.processor.config.ProcessorConfig;
import io.vigil.runtime.config.Settings;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.AnomalyId;
import io.vigil.schemas.anomaly.Severity;
import io.vigil.schemas.feedback.Feedback;
import io.vigil.schemas.feedback.Label;
import io.vigil.schemas.serde.JsonSerde;
import io.vigil.schemas.topic.Topics;
import io.vigil.sink.SinkApplication;
import io.vigil.sink.SinkConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The real Prometheus (Debian's {@code prometheus}) scrapes a running Vigil (embedded stack) and
 * the real node, PostgreSQL, Redis and blackbox exporters, with the shipped prometheus.yml on this
 * test's ports and 1 s intervals and the shipped rule files unchanged. Every recording rule returns
 * data, every metric name a rule or dashboard reads is in the live scrape, and stopping PostgreSQL
 * and Redis under load makes the breaker and outage alerts fire through the real Alertmanager to a
 * webhook in this test.
 */
@WithLocalStack
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class MonitoringStackIT {
  private static final Path MONITORING = Path.of("../monitoring").toAbsolutePath().normalize();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API_KEY = "monitoring-it-key";
  private static final int WARMUP = 10;
  private static final JsonSerde<Anomaly> ANOMALY = JsonSerde.of(Anomaly.class);
  private static final JsonSerde<Feedback> FEEDBACK = JsonSerde.of(Feedback.class);

  /** Series Prometheus itself makes from the alert rules, not a scrape. */
  private static final Set<String> PROMETHEUS_OWN = Set.of("ALERTS", "ALERTS_FOR_STATE");

  private final LocalStack stack;
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String prefix = "mon-" + run + ".";
  private final List<JsonNode> alerts = new CopyOnWriteArrayList<>();
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final ShippedQueries shipped = ShippedQueries.in(MONITORING);
  private final AtomicReference<Exception> trafficFailure = new AtomicReference<>();
  private String prometheusApi;

  MonitoringStackIT(LocalStack stack) {
    this.stack = stack;
  }

  @BeforeAll
  void startVigilExportersPrometheusAndAlertmanager(@TempDir Path dir) throws Exception {
    Ports ports = Ports.free();
    Map<String, String> common = common();
    HttpServer webhook = webhook();
    started.push(() -> webhook.stop(0));
    started.push(
        IngestApplication.start(
            IngestServiceConfig.from(ingestSettings(common, ports.ingest())), Clock.systemUTC()));
    started.push(
        ProcessorApplication.start(
            ProcessorConfig.from(processorSettings(common, ports.processor(), dir)),
            Clock.systemUTC()));
    started.push(
        SinkApplication.start(
            SinkConfig.from(sinkSettings(common, ports.sink())), Clock.systemUTC()));
    run("prometheus-node-exporter", ports.node());
    started.push(
        Tool.start(
            "prometheus-postgres-exporter",
            Map.of("DATA_SOURCE_NAME", postgresDataSource()),
            listen(ports.postgresExporter())));
    run("prometheus-redis-exporter", ports.redisExporter(), "--redis.addr=" + stack.redisUri());
    run("prometheus-blackbox-exporter", ports.blackbox(), "--config.file=" + blackboxConfig(dir));
    run(
        "prometheus-alertmanager",
        ports.alertmanager(),
        "--config.file=" + alertmanagerConfig(dir, webhook),
        "--storage.path=" + dir.resolve("am"),
        "--cluster.listen-address=");
    run(
        "prometheus",
        ports.prometheus(),
        "--config.file=" + prometheusConfig(dir, ports),
        "--storage.tsdb.path=" + dir.resolve("tsdb"));
    prometheusApi = "http://127.0.0.1:" + ports.prometheus() + "/api/v1/";
    started.push(startTraffic("http://127.0.0.1:" + ports.ingest() + "/v1/events"));
  }

  @AfterAll
  void stopEverything() throws Exception {
    Exception failure = null;
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Test
  @Order(1)
  void shouldReturnDataForEveryRecordingRule() {
    awaitEveryRecordingRule();
  }

  @Test
  @Order(2)
  void shouldOnlyReadMetricNamesThatTheLiveScrapeHas() throws Exception {
    awaitEveryRecordingRule();
    Set<String> live = new TreeSet<>();
    get("label/__name__/values").path("data").forEach(name -> live.add(name.asText()));

    Map<String, String> missing = new TreeMap<>(shipped.metricNames());
    missing.keySet().removeAll(live);
    missing.keySet().removeAll(PROMETHEUS_OWN);
    assertThat(missing)
        .as("metric names read by a rule or dashboard (name=where) that no scrape exports")
        .isEmpty();
    // The check is only as good as the scrape: Vigil's services and every exporter are in it.
    assertThat(live)
        .contains(
            "vigil_build_info",
            "node_cpu_seconds_total",
            "pg_up",
            "redis_up",
            "probe_success",
            "kafka_stream_alive_stream_threads");
  }

  @Test
  @Order(3)
  void shouldFireTheBreakerAndOutageAlertsThroughAlertmanagerWhenPostgresAndRedisStop() {
    awaitEveryRecordingRule();
    stack.postgres().stop();
    stack.redis().stop();
    try {
      await()
          .atMost(Duration.ofMinutes(4))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () ->
                  assertThat(firing())
                      .contains(
                          "VigilCircuitBreakerOpen name=postgres severity=critical",
                          "VigilCircuitBreakerOpen name=redis severity=critical",
                          "VigilDatabaseDown service=postgres severity=critical",
                          "VigilRedisDown service=redis severity=critical"));
    } finally {
      stack.redis().restart();
      stack.postgres().restart();
    }
  }

  private void awaitEveryRecordingRule() {
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              assertThat(trafficFailure.get()).as("traffic").isNull();
              List<String> empty = new ArrayList<>();
              for (String rule : new TreeSet<>(shipped.recordedNames())) {
                if (get("query?query=" + URLEncoder.encode(rule, StandardCharsets.UTF_8))
                    .path("data")
                    .path("result")
                    .isEmpty()) {
                  empty.add(rule);
                }
              }
              assertThat(empty).as("recording rules without data").isEmpty();
            });
  }

  /** Firing alerts the webhook received, as "alertname label=value… severity=…". */
  private Set<String> firing() {
    Set<String> firing = new TreeSet<>();
    for (JsonNode alert : alerts) {
      if (alert.path("status").asText().equals("firing")) {
        JsonNode labels = alert.path("labels");
        String subject =
            labels.has("name")
                ? "name=" + labels.path("name").asText()
                : "service=" + labels.path("service").asText();
        firing.add(
            labels.path("alertname").asText()
                + " "
                + subject
                + " severity="
                + labels.path("severity").asText());
      }
    }
    return firing;
  }

  /**
   * Every 500 ms: events for the ingest API (one key spikes once warmed up, so the detector fires),
   * anomalies straight onto the anomalies topic (so the sink writes whatever the detector does)
   * with a label for the first one (precision); one unreadable event for the dead letters.
   */
  private AutoCloseable startTraffic(String eventsUrl) {
    KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", stack.kafkaBootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer());
    Topics topics = Topics.withPrefix(prefix);
    AtomicInteger tick = new AtomicInteger();
    Anomaly labelled = anomaly("mon/labelled", Instant.now());
    Feedback confirmed =
        new Feedback(labelled.id(), labelled.key(), Label.CONFIRMED, "oncall", Instant.now(), null);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            int n = tick.incrementAndGet();
            post(eventsUrl, n == WARMUP + 5 ? 1e6 : 50 + n % 2);
            if (n == 3) {
              send(producer, topics.events().name(), "mon/bad", "{not json".getBytes(UTF_8));
            }
            Anomaly fresh = anomaly("mon/0", Instant.now());
            send(producer, topics.anomalies().name(), fresh.key(), ANOMALY.toBytes(fresh));
            // Resent every time (the sink writes each once), so the label finds it stored.
            send(producer, topics.anomalies().name(), labelled.key(), ANOMALY.toBytes(labelled));
            send(producer, topics.feedback().name(), confirmed.key(), FEEDBACK.toBytes(confirmed));
            producer.flush();
          } catch (Exception e) {
            trafficFailure.compareAndSet(null, e);
          }
        },
        0,
        500,
        TimeUnit.MILLISECONDS);
    return () -> {
      scheduler.shutdownNow();
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
      producer.close(Duration.ofSeconds(10));
    };
  }

  private static void send(
      KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value) {
    producer.send(new ProducerRecord<>(topic, key, value));
  }

  private static Anomaly anomaly(String key, Instant time) {
    return new Anomaly(
        AnomalyId.of(key, time, null, "ewma"),
        key,
        time,
        time,
        0.9999,
        Severity.HIGH,
        "ewma",
        1,
        Map.of("value", 99.0),
        Map.of(),
        Map.of("value", 1.0),
        null,
        Map.of(),
        null);
  }

  /** Nine steady keys and mon/spike, whose given value may be the spike. */
  private static void post(String url, double spikeKeyValue) throws Exception {
    StringBuilder body = new StringBuilder();
    Instant now = Instant.now();
    for (int i = 0; i < 9; i++) {
      body.append(
          "{\"key\":\"mon/%d\",\"timestamp\":\"%s\",\"value\":%d}\n"
              .formatted(i, now.minusMillis(i), 50 + i % 2));
    }
    body.append(
        "{\"key\":\"mon/spike\",\"timestamp\":\"%s\",\"value\":%s}\n"
            .formatted(now, spikeKeyValue));
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + API_KEY)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 202) {
      throw new IllegalStateException(
          "ingest answered " + response.statusCode() + ": " + response.body());
    }
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(prometheusApi + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  private Map<String, String> common() {
    Map<String, String> settings = new HashMap<>();
    settings.put("kafka.bootstrap.servers", stack.kafkaBootstrapServers());
    settings.put("vigil.topic.prefix", prefix);
    settings.put("vigil.topics.partitions", "3");
    settings.put("vigil.http.host", "127.0.0.1");
    settings.put("vigil.lag.refresh", "1s");
    return settings;
  }

  private static Settings with(Map<String, String> common, int port, Map<String, String> more) {
    Map<String, String> all = new HashMap<>(common);
    all.put("vigil.http.port", Integer.toString(port));
    all.putAll(more);
    return Settings.of(all);
  }

  private Settings ingestSettings(Map<String, String> common, int port) throws Exception {
    byte[] hash =
        MessageDigest.getInstance("SHA-256").digest(API_KEY.getBytes(StandardCharsets.UTF_8));
    return with(
        common, port, Map.of("vigil.ingest.api.keys", "mon:" + HexFormat.of().formatHex(hash)));
  }

  private Settings processorSettings(Map<String, String> common, int port, Path dir) {
    return with(
        common,
        port,
        Map.of(
            "vigil.processor.application.id",
            "vigil-" + run + "-processor",
            "vigil.processor.state.dir",
            dir.resolve("state").toString(),
            "vigil.processor.detector",
            "ewma",
            "vigil.processor.warmup",
            Integer.toString(WARMUP),
            "vigil.processor.commit.interval",
            "200ms",
            "vigil.processor.client.metrics.refresh",
            "1s"));
  }

  private Settings sinkSettings(Map<String, String> common, int port) {
    Map<String, String> sink = new HashMap<>();
    sink.put("vigil.sink.jdbc.url", stack.jdbcUrl());
    if (stack.jdbcUser() != null) {
      sink.put("vigil.sink.jdbc.user", stack.jdbcUser());
    }
    if (stack.jdbcPassword() != null) {
      sink.put("vigil.sink.jdbc.password", stack.jdbcPassword());
    }
    sink.put("vigil.sink.jdbc.schema", "mon_" + run);
    sink.put("vigil.sink.redis.uri", stack.redisUri());
    sink.put("vigil.sink.redis.key.prefix", "mon:" + run + ":");
    sink.put("vigil.sink.postgres.group", "vigil-" + run + "-postgres");
    sink.put("vigil.sink.redis.group", "vigil-" + run + "-redis");
    sink.put("vigil.sink.feedback.group", "vigil-" + run + "-feedback");
    sink.put("vigil.sink.feedback.refresh", "1s");
    sink.put("vigil.sink.retry.backoff.initial", "100ms");
    sink.put("vigil.sink.retry.backoff.max", "1s");
    sink.put("vigil.sink.client.metrics.refresh", "1s");
    return with(common, port, sink);
  }

  /** The embedded stack's PostgreSQL as a libpq URL for postgres_exporter. */
  private String postgresDataSource() {
    String user = stack.jdbcUser() == null ? "" : URLEncoder.encode(stack.jdbcUser(), UTF_8);
    String password =
        stack.jdbcPassword() == null || stack.jdbcPassword().isEmpty()
            ? ""
            : ":" + URLEncoder.encode(stack.jdbcPassword(), UTF_8);
    String hostAndDatabase = stack.jdbcUrl().substring("jdbc:postgresql://".length());
    String credentials = user.isEmpty() ? "" : user + password + "@";
    return "postgresql://"
        + credentials
        + hostAndDatabase
        + (hostAndDatabase.contains("?") ? "&" : "?")
        + "sslmode=disable";
  }

  /** Starts {@code binary} listening on {@code port}, to be stopped after the tests. */
  private void run(String binary, int port, String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of(args));
    all.add(listen(port));
    started.push(Tool.start(binary, Map.of(), all.toArray(String[]::new)));
  }

  private static String listen(int port) {
    return "--web.listen-address=127.0.0.1:" + port;
  }

  /**
   * The shipped prometheus.yml with its hosts on this test's ports, 1 s intervals, absolute rule
   * paths; targets that do not run here (more processor instances, kafka_exporter) are dropped.
   */
  @SuppressWarnings("unchecked")
  private static Path prometheusConfig(Path dir, Ports ports) throws IOException {
    String text = Files.readString(MONITORING.resolve("prometheus/prometheus.yml"));
    for (Map.Entry<String, Integer> host : ports.byComposeHost().entrySet()) {
      text = text.replace(host.getKey(), "127.0.0.1:" + host.getValue());
    }
    Map<String, Object> config = new Yaml(new LoaderOptions()).load(text);
    Map<String, Object> global = (Map<String, Object>) config.get("global");
    global.put("scrape_interval", "1s");
    global.put("scrape_timeout", "1s");
    global.put("evaluation_interval", "1s");
    config.put(
        "rule_files",
        ((List<String>) config.get("rule_files"))
            .stream()
                .map(file -> MONITORING.resolve("prometheus").resolve(file).toString())
                .toList());
    List<Map<String, Object>> jobs = new ArrayList<>();
    for (Map<String, Object> job : (List<Map<String, Object>>) config.get("scrape_configs")) {
      List<Map<String, Object>> statics = new ArrayList<>();
      for (Map<String, Object> group : (List<Map<String, Object>>) job.get("static_configs")) {
        List<String> local =
            ((List<String>) group.get("targets"))
                .stream().filter(target -> target.contains("127.0.0.1:")).toList();
        if (!local.isEmpty()) {
          Map<String, Object> copy = new LinkedHashMap<>(group);
          copy.put("targets", local);
          statics.add(copy);
        }
      }
      if (!statics.isEmpty()) {
        job.put("static_configs", statics);
        jobs.add(job);
      }
    }
    config.put("scrape_configs", jobs);
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return Files.writeString(dir.resolve("prometheus.yml"), new Yaml(options).dump(config));
  }

  private static Path blackboxConfig(Path dir) throws IOException {
    // The http_2xx module of the exporter's default configuration, which docker-compose uses.
    return Files.writeString(
        dir.resolve("blackbox.yml"),
        """
        modules:
          http_2xx:
            prober: http
            timeout: 1s
        """);
  }

  private static Path alertmanagerConfig(Path dir, HttpServer webhook) throws IOException {
    String config =
        """
        route:
          receiver: test
          group_by: [alertname, service]
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 1m
        receivers:
          - name: test
            webhook_configs:
              - url: http://127.0.0.1:%d/alerts
        """
            .formatted(webhook.getAddress().getPort());
    return Files.writeString(dir.resolve("alertmanager.yml"), config);
  }

  private HttpServer webhook() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/alerts",
        exchange -> {
          try (InputStream body = exchange.getRequestBody()) {
            JSON.readTree(body).path("alerts").forEach(alerts::add);
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    return server;
  }

  /** This test's ports, and which docker-compose host each stands in for. */
  private record Ports(
      int ingest,
      int processor,
      int sink,
      int prometheus,
      int alertmanager,
      int node,
      int postgresExporter,
      int redisExporter,
      int blackbox) {

    static Ports free() {
      List<Integer> free = FreePorts.pick(9);
      return new Ports(
          free.get(0),
          free.get(1),
          free.get(2),
          free.get(3),
          free.get(4),
          free.get(5),
          free.get(6),
          free.get(7),
          free.get(8));
    }

    Map<String, Integer> byComposeHost() {
      return Map.of(
          "ingest-connector:8080", ingest(),
          "stream-processor-1:8081", processor(),
          "results-sink:8082", sink(),
          "alertmanager:9093", alertmanager(),
          "node-exporter:9100", node(),
          "postgres-exporter:9187", postgresExporter(),
          "redis-exporter:9121", redisExporter(),
          "blackbox-exporter:9115", blackbox());
    }
  }

  /** A real tool from PATH (Debian packages; .ci/run installs them), stopped at the end. */
  private record Tool(Process process) implements AutoCloseable {
    static Tool start(String binary, Map<String, String> env, String... args) throws IOException {
      List<String> command = new ArrayList<>(List.of(executable(binary)));
      command.addAll(List.of(args));
      // Kept after the test (target/), for a look at what the tool said.
      Path log = Files.createDirectories(Path.of("target/monitoring-it")).resolve(binary + ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(env);
      return new Tool(builder.start());
    }

    /**
     * The binary on PATH, else the one the monitoring module's checks unpacked from the Debian
     * package (monitoring/target/tools), so that ./mvnw verify needs nothing installed by hand.
     */
    private static String executable(String binary) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary))) {
          return Path.of(dir, binary).toString();
        }
      }
      Path unpacked = MONITORING.resolve("target/tools/usr/bin").resolve(binary);
      if (Files.isExecutable(unpacked)) {
        return unpacked.toString();
      }
      throw new IllegalStateException(
          binary
              + " is neither on PATH nor in "
              + unpacked.getParent()
              + ": install the Debian package "
              + binary);
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
