package io.vigil.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.localstack.LocalStack;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.localstack.kafka.CommittedReader;
import io.vigil.schemas.serde.Json;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@WithLocalStack
class IngestApiIT {
  private static final String NDJSON = "application/x-ndjson";
  private static final String JSON = "application/json";

  private final LocalStack stack;
  private final ObjectMapper mapper = Json.newMapper();

  IngestApiIT(LocalStack stack) {
    this.stack = stack;
  }

  @Test
  void shouldProduceEveryValidEventOnceAndRejectEachKindOfBadEvent() throws Exception {
    Map<String, String> settings = IngestClient.settings(stack.kafkaBootstrapServers());
    String now = Instant.now().toString();
    List<String> bad =
        List.of(
            "{\"key\":\"k\",\"timestamp\":\"" + now + "\",\"value\":", // malformed JSON
            "{\"key\":\"k\",\"timestamp\":\"" + now + "\",\"value\":\"high\"}", // wrong type
            "{\"key\":\"k\",\"timestamp\":\"" + now + "\",\"value\":NaN}", // NaN
            "{\"key\":\"k\",\"timestamp\":\"" + now + "\",\"value\":Infinity}", // Infinity
            "{\"key\":\"k\",\"timestamp\":\"" + now + "\",\"value\":1e999}", // overflows to ∞
            "{\"timestamp\":\"" + now + "\",\"value\":1}", // missing key
            "{\"key\":\"k\",\"value\":1}", // missing timestamp
            "{\"key\":\"k\",\"timestamp\":\"" + now + "\"}", // missing value
            "{\"key\":\"k\",\"timestamp\":\"" + now + "\",\"value\":1,\"values\":{\"a\":1}}",
            "{\"key\":\"" + "x".repeat(10_000) + "\",\"timestamp\":\"" + now + "\",\"value\":1}",
            "{\"key\":\"k\",\"timestamp\":\""
                + now
                + "\",\"value\":1,\"tags\":{\"t\":"
                + "[".repeat(500)
                + "]".repeat(500)
                + "}}", // deep nesting
            "{\"key\":\"k\",\"timestamp\":\"2999-01-01T00:00:00Z\",\"value\":1}", // far future
            "{\"key\":\"k\",\"timestamp\":\"1900-01-01T00:00:00Z\",\"value\":1}", // far past
            "{\"key\":\"k\",\"timestamp\":\"yesterday\",\"value\":1}", // unreadable time
            "[1,2,3]", // not an object
            "{\"key\":\"k\",\"timestamp\":\"" + now + "\",\"values\":{}}", // no features
            "{\"key\":\"k\",\"timestamp\":\"" + now + "\",\"value\":1,\"tags\":{\"t\":5}}",
            "{\"key\":\"a\",\"key\":\"b\",\"timestamp\":\"" + now + "\",\"value\":1}", // dup name
            "{\"key\":\"k\",\"timestamp\":\""
                + now
                + "\",\"value\":1,\"tags\":{\"t\":\""
                + "y".repeat(70_000)
                + "\"}}", // over the event size limit
            "{\"key\":\"k\",\"timestamp\":-5,\"value\":1}", // negative epoch
            "{\"key\":\"k\",\"timestamp\":\"" + now + "\",\"value\":1,\"id\":\"ok-3\"}"); // dup id
    List<String> lines = new ArrayList<>();
    Set<Integer> badIndices = new TreeSet<>();
    Set<String> validIds = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      String id = "ok-" + i;
      validIds.add(id);
      lines.add(
          "{\"key\":\"k-"
              + (i % 3)
              + "\",\"timestamp\":"
              + Instant.now().toEpochMilli()
              + ",\"value\":"
              + i
              + ",\"id\":\""
              + id
              + "\"}");
      if (i < bad.size()) {
        badIndices.add(lines.size());
        lines.add(bad.get(i));
      }
    }

    try (IngestApplication app =
        IngestApplication.start(IngestClient.config(settings), Clock.systemUTC())) {
      HttpResponse<String> response =
          new IngestClient(app.port()).post(NDJSON, String.join("\n", lines) + "\n");

      assertThat(response.statusCode()).isEqualTo(202);
      JsonNode body = mapper.readTree(response.body());
      assertThat(body.get("accepted").asInt()).isEqualTo(validIds.size());
      Set<Integer> rejected = new TreeSet<>();
      body.get("rejected").forEach(r -> rejected.add(r.get("index").asInt()));
      assertThat(rejected).isEqualTo(badIndices);
      body.get("rejected").forEach(r -> assertThat(r.get("reason").asText()).isNotBlank());
      assertThat(response.headers().firstValue(IngestApi.REQUEST_ID)).isPresent();

      List<String> ids = readIds(settings.get("vigil.topic.prefix") + "events");
      assertThat(ids).hasSize(validIds.size()).containsExactlyInAnyOrderElementsOf(validIds);

      String metrics = new IngestClient(app.port()).get("/metrics").body();
      assertThat(metrics)
          .contains("vigil_ingest_events_accepted_total{client=\"client-a\"")
          .contains("reason=\"duplicate_id\"")
          .contains("reason=\"malformed_json\"")
          .contains("vigil_ingest_request_duration_seconds_bucket")
          .contains("vigil_ingest_produce_latency_seconds_bucket")
          .contains("vigil_ingest_producer_buffer_used_bytes");
    }
  }

  @Test
  void shouldAcceptAJsonArrayAndRejectItsInvalidElements() throws Exception {
    Map<String, String> settings = IngestClient.settings(stack.kafkaBootstrapServers());
    long now = Instant.now().toEpochMilli();
    String body =
        "[{\"key\":\"a\",\"timestamp\":"
            + now
            + ",\"value\":1,\"id\":\"x1\"},\n {\"key\":\"a\",\"timestamp\":"
            + now
            + ",\"value\":\"no\"}, {\"key\":\"b\",\"timestamp\":"
            + now
            + ",\"values\":{\"cpu\":0.5},\"id\":\"x2\"}]";

    try (IngestApplication app =
        IngestApplication.start(IngestClient.config(settings), Clock.systemUTC())) {
      HttpResponse<String> response = new IngestClient(app.port()).post(JSON, body);

      assertThat(response.statusCode()).isEqualTo(202);
      JsonNode answer = mapper.readTree(response.body());
      assertThat(answer.get("accepted").asInt()).isEqualTo(2);
      assertThat(answer.get("rejected").get(0).get("index").asInt()).isEqualTo(1);
      assertThat(answer.get("rejected").get(0).get("reason").asText()).startsWith("/value");
      assertThat(readIds(settings.get("vigil.topic.prefix") + "events"))
          .containsExactlyInAnyOrder("x1", "x2");
    }
  }

  @Test
  void shouldAnswerClientErrorsWhereTheyApply() throws Exception {
    Map<String, String> settings =
        IngestClient.settings(
            stack.kafkaBootstrapServers(),
            "vigil.ingest.max.body.bytes",
            "2048",
            "vigil.ingest.max.batch.events",
            "5");
    String event = "{\"key\":\"a\",\"timestamp\":" + Instant.now().toEpochMilli() + ",\"value\":1}";

    try (IngestApplication app =
        IngestApplication.start(IngestClient.config(settings), Clock.systemUTC())) {
      IngestClient client = new IngestClient(app.port());

      assertThat(client.post(NDJSON, event, null).statusCode()).isEqualTo(401);
      assertThat(client.post(NDJSON, event, "wrong-key").statusCode()).isEqualTo(401);
      assertThat(client.post("text/plain", event).statusCode()).isEqualTo(415);
      assertThat(client.post(null, event).statusCode()).isEqualTo(415);
      assertThat(client.post(JSON + "; charset=ISO-8859-1", "[" + event + "]").statusCode())
          .isEqualTo(415);
      assertThat(client.post(NDJSON, (event + "\n").repeat(40)).statusCode()).isEqualTo(413);
      assertThat(client.post(NDJSON, (event + "\n").repeat(6)).statusCode()).isEqualTo(413);
      assertThat(client.post(NDJSON, "").statusCode()).isEqualTo(400);
      assertThat(client.post(JSON, "").statusCode()).isEqualTo(400);
      assertThat(client.post(JSON, "[" + event + ",").statusCode()).isEqualTo(400);
      assertThat(client.post(JSON, event).statusCode()).isEqualTo(400);
      assertThat(client.post(NDJSON, event).statusCode()).isEqualTo(202);
      assertThat(client.get("/metrics").body())
          .contains("status=\"401\"")
          .contains("client=\"anonymous\"");
    }
  }

  @Test
  void shouldAnswer429WithRetryAfterOverAClientsRateLimit() throws Exception {
    Map<String, String> settings =
        IngestClient.settings(
            stack.kafkaBootstrapServers(),
            "vigil.ingest.rate.limit.requests",
            "2",
            "vigil.ingest.rate.limit.period",
            "1h");
    String event = "{\"key\":\"a\",\"timestamp\":" + Instant.now().toEpochMilli() + ",\"value\":1}";

    try (IngestApplication app =
        IngestApplication.start(IngestClient.config(settings), Clock.systemUTC())) {
      IngestClient client = new IngestClient(app.port());
      assertThat(client.post(NDJSON, event).statusCode()).isEqualTo(202);
      assertThat(client.post(NDJSON, event).statusCode()).isEqualTo(202);

      HttpResponse<String> limited = client.post(NDJSON, event);

      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()))
          .isPositive();
      assertThat(client.get("/metrics").body())
          .containsPattern(
              "vigil_ingest_requests_rate_limited_total\\{client=\"[^\"]+\",service=\"ingest-connector\"} 1\\.0")
          .containsPattern(
              "http_server_requests_seconds_count\\{[^}]*status=\"429\",uri=\"/v1/events\"} 1");
    }
  }

  private List<String> readIds(String topic) throws Exception {
    List<String> ids = new ArrayList<>();
    try (CommittedReader reader = new CommittedReader(stack.kafkaBootstrapServers(), topic, 3)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                ids.clear(); // poll() returns every record read so far
                for (ConsumerRecord<String, byte[]> record : reader.poll()) {
                  ids.add(mapper.readTree(record.value()).get("id").asText());
                }
                return reader.caughtUp();
              });
    }
    return ids;
  }
}
