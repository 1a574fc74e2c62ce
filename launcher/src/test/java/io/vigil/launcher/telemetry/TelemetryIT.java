package io.vigil.launcher.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.launcher.telemetry.OtlpReceiver.ReceivedSpan;
import io.vigil.localstack.LocalStack;
import io.vigil.localstack.internal.FreePorts;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.schemas.feedback.Feedback;
import io.vigil.schemas.feedback.Label;
import io.vigil.schemas.serde.JsonSerde;
import io.vigil.schemas.topic.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three services as separate JVMs started by {@code ./vigil --otel}, on the real broker,
 * PostgreSQL and Redis: one trace runs from the ingest request through the processor to the sink's
 * database write; logs are JSON lines with trace and span ids; every metric family of the
 * operations guide is on /metrics with its labels and moving values.
 */
@WithLocalStack
class TelemetryIT {
  private static final Duration START = Duration.ofMinutes(3);
  private static final Duration WAIT = Duration.ofMinutes(2);
  private static final String API_KEY = "telemetry-it-key";
  private static final String TRACED = "traced/cpu";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LocalStack stack;
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String schema = "telemetry_" + run;

  TelemetryIT(LocalStack stack) {
    this.stack = stack;
  }

  @Test
  void shouldTraceLogAndMeasureAnEventFromIngestToTheDatabase(@TempDir Path dir) throws Exception {
    List<Integer> ports = FreePorts.pick(3);
    try (OtlpReceiver receiver = new OtlpReceiver();
        ServiceProcess processor =
            ServiceProcess.start("processor", ports.get(1), processorEnv(receiver, dir), dir);
        ServiceProcess sink = ServiceProcess.start("sink", ports.get(2), sinkEnv(receiver), dir);
        ServiceProcess ingest =
            ServiceProcess.start("ingest", ports.get(0), ingestEnv(receiver), dir)) {
      ingest.awaitReady(START);
      processor.awaitReady(START);
      sink.awaitReady(START);

      Instant start = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
      StringBuilder normal = new StringBuilder();
      for (int i = 0; i < 40; i++) {
        for (String key : List.of(TRACED, "a/1", "b/2", "c/3", "d/4", "e/5", "f/6")) {
          normal.append(event(key, start.plusSeconds(i), 50 + (i % 3)));
        }
      }
      // The first batch also waits for the producer's first metadata and producer id: on a loaded
      // machine that can outlast the send timeout, answered 503 + Retry-After, and a client
      // retries, as this one does (the events are idempotent by the anomaly ids downstream).
      String batch = normal.toString();
      await().atMost(WAIT).until(() -> post(ingest, batch).statusCode(), status -> status == 202);
      // Refused on the request thread, so logged at INFO inside the request's span.
      assertThat(post(ingest, "text/plain", "hello").statusCode()).isEqualTo(415);
      assertThat(post(ingest, event(TRACED, start.plusSeconds(40), 500)).statusCode())
          .isEqualTo(202);
      String anomalyId = await().atMost(WAIT).until(this::storedAnomalyId, id -> id != null);
      sendFeedback(anomalyId);

      // One trace: the ingest request, the processing of the spike, the sink's database write.
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(tracesThrough(receiver.spans()))
                      .as("traces through all")
                      .isNotEmpty());
      String traceId = tracesThrough(receiver.spans()).get(0);
      List<ReceivedSpan> trace =
          receiver.spans().stream().filter(s -> s.traceId().equals(traceId)).toList();
      assertThat(trace)
          .anySatisfy(s -> assertThat(s.service()).isEqualTo("ingest-connector"))
          .anySatisfy(s -> assertThat(s.service()).isEqualTo("stream-processor"))
          .anySatisfy(
              s -> {
                assertThat(s.service()).isEqualTo("results-sink");
                assertThat(s.name()).isEqualTo("write postgres");
              });

      // JSON logs: every line an object with the fields, request lines with trace and span ids.
      List<JsonNode> lines = new ArrayList<>();
      for (String line : ingest.logLines()) {
        if (!line.isBlank()) {
          JsonNode node = JSON.readTree(line);
          assertThat(node.isObject()).as(line).isTrue();
          lines.add(node);
        }
      }
      assertThat(lines)
          .isNotEmpty()
          .allSatisfy(
              node ->
                  assertThat(node.has("@timestamp") && node.has("log.level") && node.has("message"))
                      .as(node.toString())
                      .isTrue())
          .anySatisfy(
              node -> {
                assertThat(node.path("service.name").asText()).isEqualTo("ingest-connector");
                assertThat(node.path("service.version").asText()).isNotBlank();
                assertThat(node.path("trace_id").asText()).matches("[0-9a-f]{32}");
                assertThat(node.path("span_id").asText()).matches("[0-9a-f]{16}");
                assertThat(node.path("request.id").asText()).isNotBlank();
                assertThat(node.path("client").asText()).isEqualTo("telemetry");
              });

      // Metrics: every family, with its labels, values that moved, every input partition.
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                String proc = processor.metrics();
                for (int partition = 0; partition < 3; partition++) {
                  assertThat(proc)
                      .containsPattern(
                          "vigil_processor_events_scored_total\\{partition=\""
                              + partition
                              + "\",service=\"stream-processor\"}");
                  assertThat(proc)
                      .containsPattern(
                          "vigil_processor_models_active\\{partition=\"" + partition + "\"");
                }
                assertThat(proc)
                    .containsPattern(
                        "vigil_processor_anomalies_total\\{detector=\"ewma\",[^}]*} [1-9]")
                    .containsPattern("vigil_detection_duration_seconds_bucket\\{detector=\"ewma\"")
                    .containsPattern(
                        "vigil_processor_end_to_end_latency_seconds_count\\{from=\"ingest_time\"[^}]*} [1-9]")
                    .containsPattern(
                        "vigil_processor_end_to_end_latency_seconds_count\\{from=\"event_time\"[^}]*} [1-9]")
                    .contains("vigil_processor_models_started_total")
                    .contains("vigil_processor_model_cache_total{")
                    .contains("kafka_stream_alive_stream_threads")
                    .contains("kafka_stream_task_restore_remaining_records_total")
                    .contains("kafka_consumer_coordinator_rebalance_total")
                    .containsPattern(
                        "vigil_kafka_consumer_group_lag\\{group=\"vigil-"
                            + run
                            + "-postgres\",partition=\"[0-2]\"")
                    .containsPattern("vigil_kafka_topic_end_offset\\{partition=\"[0-2]\"");
                String ing = ingest.metrics();
                assertThat(ing)
                    .containsPattern(
                        "http_server_requests_seconds_count\\{method=\"POST\",outcome=\"SUCCESS\",service=\"ingest-connector\",status=\"202\",uri=\"/v1/events\"} 2")
                    .containsPattern(
                        "http_server_requests_seconds_count\\{[^}]*status=\"415\",uri=\"/v1/events\"} 1")
                    .containsPattern("vigil_ingest_events_accepted_total\\{client=\"telemetry\"")
                    .containsPattern(
                        "vigil_build_info\\{commit=\"[^\"]+\",service=\"ingest-connector\"");
                String snk = sink.metrics();
                assertThat(snk)
                    .containsPattern(
                        "vigil_sink_end_to_end_latency_seconds_bucket\\{service=\"results-sink\",target=\"postgres\",le=\"5.0\"}")
                    .containsPattern(
                        "vigil_sink_writes_total\\{result=\"success\",[^}]*target=\"redis\"")
                    .containsPattern(
                        "vigil_detector_precision\\{detector=\"ewma\",service=\"results-sink\"} 1")
                    .containsPattern("resilience4j_circuitbreaker_state\\{name=\"postgres\"")
                    .contains("hikaricp_connections_active")
                    .contains("lettuce_command_completion_seconds")
                    .containsPattern("kafka_consumer_fetch_manager_records_lag\\{")
                    .containsPattern(
                        "vigil_kafka_consumer_group_lag\\{group=\"vigil-" + run + "-processor\"");
                for (String scrape : List.of(proc, ing, snk)) {
                  assertThat(scrape)
                      .contains("jvm_memory_used_bytes", "jvm_gc_", "process_cpu_usage")
                      .contains("system_cpu_usage", "disk_free_bytes", "process_files_open_files")
                      .contains("vigil_build_info");
                }
              });
    }
  }

  /** Trace ids with spans of all three services, the sink's write among them. */
  private static List<String> tracesThrough(List<ReceivedSpan> spans) {
    Map<String, Set<String>> services =
        spans.stream()
            .collect(
                Collectors.groupingBy(
                    ReceivedSpan::traceId,
                    Collectors.mapping(ReceivedSpan::service, Collectors.toSet())));
    Set<String> withWrite =
        spans.stream()
            .filter(s -> s.name().equals("write postgres"))
            .map(ReceivedSpan::traceId)
            .collect(Collectors.toSet());
    return services.entrySet().stream()
        .filter(
            e ->
                e.getValue()
                        .containsAll(Set.of("ingest-connector", "stream-processor", "results-sink"))
                    && withWrite.contains(e.getKey()))
        .map(Map.Entry::getKey)
        .toList();
  }

  private String storedAnomalyId() throws Exception {
    try (Connection connection =
            DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
        Statement statement = connection.createStatement()) {
      ResultSet rows =
          statement.executeQuery(
              "SELECT id FROM " + schema + ".anomalies WHERE key = '" + TRACED + "'");
      return rows.next() ? rows.getString(1) : null;
    } catch (java.sql.SQLException notYet) {
      return null;
    }
  }

  private void sendFeedback(String anomalyId) throws Exception {
    Feedback label =
        new Feedback(anomalyId, TRACED, Label.CONFIRMED, "oncall", Instant.now(), null);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", stack.kafkaBootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  topics().feedback().name(), TRACED, JsonSerde.of(Feedback.class).toBytes(label)))
          .get();
    }
  }

  private Topics topics() {
    return Topics.withPrefix("telemetry-" + run + ".");
  }

  private static String event(String key, Instant time, double value) {
    return "{\"key\":\"" + key + "\",\"timestamp\":\"" + time + "\",\"value\":" + value + "}\n";
  }

  private static HttpResponse<String> post(ServiceProcess ingest, String body) throws Exception {
    return post(ingest, "application/x-ndjson", body);
  }

  private static HttpResponse<String> post(ServiceProcess ingest, String type, String body)
      throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingest.port() + "/v1/events"))
                .header("Authorization", "Bearer " + API_KEY)
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private Map<String, String> common(OtlpReceiver receiver) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers());
    env.put("VIGIL_TOPIC_PREFIX", topics().events().name().replace("events", ""));
    env.put("VIGIL_TOPICS_PARTITIONS", "3");
    env.put("VIGIL_LAG_REFRESH", "1s");
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
    env.put("OTEL_BSP_SCHEDULE_DELAY", "200");
    return env;
  }

  private Map<String, String> ingestEnv(OtlpReceiver receiver) throws Exception {
    Map<String, String> env = common(receiver);
    byte[] hash =
        MessageDigest.getInstance("SHA-256").digest(API_KEY.getBytes(StandardCharsets.UTF_8));
    env.put("VIGIL_INGEST_API_KEYS", "telemetry:" + HexFormat.of().formatHex(hash));
    // Successful requests are logged at DEBUG.
    env.put("VIGIL_LOG_LEVEL", "DEBUG");
    return env;
  }

  private Map<String, String> processorEnv(OtlpReceiver receiver, Path dir) {
    Map<String, String> env = common(receiver);
    env.put("VIGIL_PROCESSOR_APPLICATION_ID", "vigil-" + run + "-processor");
    env.put("VIGIL_PROCESSOR_STATE_DIR", dir.resolve("state").toString());
    env.put("VIGIL_PROCESSOR_DETECTOR", "ewma");
    env.put("VIGIL_PROCESSOR_WARMUP", "20");
    env.put("VIGIL_PROCESSOR_SUPPRESSION", "0s");
    env.put("VIGIL_PROCESSOR_COMMIT_INTERVAL", "200ms");
    return env;
  }

  private Map<String, String> sinkEnv(OtlpReceiver receiver) {
    Map<String, String> env = common(receiver);
    env.put("VIGIL_SINK_JDBC_URL", stack.jdbcUrl());
    if (stack.jdbcUser() != null) {
      env.put("VIGIL_SINK_JDBC_USER", stack.jdbcUser());
    }
    if (stack.jdbcPassword() != null) {
      env.put("VIGIL_SINK_JDBC_PASSWORD", stack.jdbcPassword());
    }
    env.put("VIGIL_SINK_JDBC_SCHEMA", schema);
    env.put("VIGIL_SINK_REDIS_URI", stack.redisUri());
    env.put("VIGIL_SINK_REDIS_KEY_PREFIX", "telemetry:" + run + ":");
    env.put("VIGIL_SINK_POSTGRES_GROUP", "vigil-" + run + "-postgres");
    env.put("VIGIL_SINK_REDIS_GROUP", "vigil-" + run + "-redis");
    env.put("VIGIL_SINK_FEEDBACK_GROUP", "vigil-" + run + "-feedback");
    env.put("VIGIL_SINK_FEEDBACK_REFRESH", "500ms");
    env.put("VIGIL_SINK_FEEDBACK_WINDOW", "3650d");
    return env;
  }
}
