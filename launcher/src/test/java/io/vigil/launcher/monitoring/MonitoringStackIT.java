package io.vigil.launcher.monitoring;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Prometheus (Debian's {@code prometheus}) scrapes a running Vigil with a test copy of the
 * shipped configuration (1 s intervals, the shipped rule files unchanged), every recording rule fed
 * by Vigil's own services returns data, and stopping PostgreSQL under load makes {@code
 * VigilCircuitBreakerOpen} fire through the real Alertmanager to a webhook in this test.
 */
@WithLocalStack
class MonitoringStackIT {
  private static final Path MONITORING = Path.of("../monitoring").toAbsolutePath().normalize();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String API_KEY = "monitoring-it-key";

  /** The recording rules fed by Vigil's services alone (the others read exporters' series). */
  private static final List<String> VIGIL_RECORDING_RULES =
      List.of(
          "service:vigil_ingest_requests:rate5m",
          "service:vigil_ingest_latency_seconds:p95",
          "sli:vigil_ingest_availability:ratio_rate5m",
          "service:vigil_events_scored:rate5m",
          "instance:vigil_events_scored:rate5m",
          "service:vigil_detection_latency_seconds:p95",
          "sli:vigil_completeness:ratio_rate5m",
          "partition:vigil_consumergroup_lag:max",
          "group:vigil_consumergroup_lag:sum",
          "partition:vigil_client_records_lag:max",
          "sli:vigil_freshness_errors:ratio_rate5m",
          "instance:vigil_jvm_heap_utilisation:ratio",
          "pool:hikaricp_connections_utilisation:ratio");

  private final LocalStack stack;
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final List<JsonNode> alerts = new CopyOnWriteArrayList<>();

  MonitoringStackIT(LocalStack stack) {
    this.stack = stack;
  }

  @Test
  void shouldRecordFromALiveScrapeAndAlertThroughAlertmanagerWhenPostgresIsDown(@TempDir Path dir)
      throws Exception {
    List<Integer> ports = FreePorts.pick(5);
    Map<String, String> common = common();
    HttpServer webhook = webhook();
    try (IngestApplication ingest =
            IngestApplication.start(
                IngestServiceConfig.from(ingestSettings(common, ports.get(0))), Clock.systemUTC());
        ProcessorApplication processor =
            ProcessorApplication.start(
                ProcessorConfig.from(processorSettings(common, ports.get(1), dir)),
                Clock.systemUTC());
        SinkApplication sink =
            SinkApplication.start(
                SinkConfig.from(sinkSettings(common, ports.get(2))), Clock.systemUTC());
        Tool alertmanager =
            Tool.start(
                dir,
                "prometheus-alertmanager",
                "--config.file=" + alertmanagerConfig(dir, webhook),
                "--storage.path=" + dir.resolve("am"),
                "--web.listen-address=127.0.0.1:" + ports.get(4),
                "--cluster.listen-address=");
        Tool prometheus =
            Tool.start(
                dir,
                "prometheus",
                "--config.file=" + prometheusConfig(dir, ports),
                "--storage.tsdb.path=" + dir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + ports.get(3))) {
      String events = "http://127.0.0.1:" + ports.get(0) + "/v1/events";
      String promApi = "http://127.0.0.1:" + ports.get(3) + "/api/v1/query?query=";

      // Traffic for every Vigil series the recording rules read.
      Instant start = Instant.now().minusSeconds(600);
      try (KafkaProducer<String, byte[]> anomalies = producer()) {
        await()
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofSeconds(1))
            .untilAsserted(
                () -> {
                  post(events, start);
                  send(anomalies, 1);
                  for (String rule : VIGIL_RECORDING_RULES) {
                    assertThat(query(promApi, rule)).as(rule).isNotEmpty();
                  }
                });

        // A real fault under load: PostgreSQL stops, the sink's breaker opens, the alert fires.
        stack.postgres().stop();
        try {
          await()
              .atMost(Duration.ofMinutes(4))
              .pollInterval(Duration.ofSeconds(1))
              .until(
                  () -> {
                    send(anomalies, 2);
                    return alerts.stream()
                        .anyMatch(
                            a ->
                                a.path("labels")
                                        .path("alertname")
                                        .asText()
                                        .equals("VigilCircuitBreakerOpen")
                                    && a.path("labels").path("name").asText().equals("postgres")
                                    && a.path("labels").path("severity").asText().equals("critical")
                                    && a.path("status").asText().equals("firing"));
                  });
        } finally {
          stack.postgres().restart();
        }
      }
    } finally {
      webhook.stop(0);
    }
  }

  private Map<String, String> common() {
    Map<String, String> settings = new HashMap<>();
    settings.put("kafka.bootstrap.servers", stack.kafkaBootstrapServers());
    settings.put("vigil.topic.prefix", "mon-" + run + ".");
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
            "vigil.processor.commit.interval",
            "200ms"));
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
    sink.put("vigil.sink.retry.backoff.initial", "100ms");
    sink.put("vigil.sink.retry.backoff.max", "1s");
    sink.put("vigil.sink.client.metrics.refresh", "1s");
    return with(common, port, sink);
  }

  /** The shipped prometheus.yml's rule files and Vigil jobs, on this test's ports, 1 s apart. */
  private static Path prometheusConfig(Path dir, List<Integer> ports) throws IOException {
    String rules = MONITORING.resolve("prometheus/rules").toString();
    String config =
        """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files:
          - %s/recording.yml
          - %s/alerts.yml
        alerting:
          alertmanagers:
            - static_configs:
                - targets: ['127.0.0.1:%d']
        scrape_configs:
          - job_name: vigil-ingest
            honor_labels: true
            static_configs: [{targets: ['127.0.0.1:%d']}]
          - job_name: vigil-processor
            honor_labels: true
            static_configs: [{targets: ['127.0.0.1:%d']}]
          - job_name: vigil-sink
            honor_labels: true
            static_configs: [{targets: ['127.0.0.1:%d']}]
        """
            .formatted(rules, rules, ports.get(4), ports.get(0), ports.get(1), ports.get(2));
    return Files.writeString(dir.resolve("prometheus.yml"), config);
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

  private static List<JsonNode> query(String api, String expr) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(api + URLEncoder.encode(expr, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    List<JsonNode> result = new ArrayList<>();
    JSON.readTree(response.body()).path("data").path("result").forEach(result::add);
    return result;
  }

  private static void post(String url, Instant start) throws Exception {
    StringBuilder body = new StringBuilder();
    Instant now = Instant.now();
    for (int i = 0; i < 9; i++) {
      body.append(
          "{\"key\":\"mon/%d\",\"timestamp\":\"%s\",\"value\":%d}\n"
              .formatted(i, now.minusMillis(i), 50 + i % 2));
    }
    HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Bearer " + API_KEY)
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build(),
        HttpResponse.BodyHandlers.discarding());
  }

  private KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of("bootstrap.servers", stack.kafkaBootstrapServers()),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  /** Anomalies straight onto the anomalies topic, so the sink writes whatever the detector does. */
  private void send(KafkaProducer<String, byte[]> producer, int count) {
    String topic = Topics.withPrefix("mon-" + run + ".").anomalies().name();
    for (int i = 0; i < count; i++) {
      Instant time = Instant.now();
      String key = "mon/" + i;
      Anomaly anomaly =
          new Anomaly(
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
              Map.of());
      producer.send(new ProducerRecord<>(topic, key, JsonSerde.of(Anomaly.class).toBytes(anomaly)));
    }
    producer.flush();
  }

  /** A real tool from PATH (Debian packages; .ci/run installs them), stopped at the end. */
  private record Tool(Process process) implements AutoCloseable {
    static Tool start(Path dir, String binary, String... args) throws IOException {
      List<String> command = new ArrayList<>(List.of(executable(binary)));
      command.addAll(List.of(args));
      // Kept after the test (target/), for a look at what the tool said.
      Path log = Files.createDirectories(Path.of("target/monitoring-it")).resolve(binary + ".log");
      return new Tool(
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start());
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
              + ": install the Debian packages prometheus and prometheus-alertmanager");
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
