package io.vigil.processor.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.localstack.LocalStack;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.processor.ProcessorApplication;
import io.vigil.processor.TestEvents;
import io.vigil.processor.TestHttp;
import io.vigil.processor.TestProcessors;
import io.vigil.runtime.http.ApiKeys;
import io.vigil.schemas.topic.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reset through the HTTP API, applied by the owning tasks of a real, exactly-once processor. */
@WithLocalStack
class ModelResetIT {
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final String KEY = "it-operator-key";
  private static final List<String> KEYS = List.of("r-0/cpu", "r-1/cpu", "r-2/cpu", "r-3/cpu");

  private final LocalStack stack;
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path stateDir;

  ModelResetIT(LocalStack stack) {
    this.stack = stack;
  }

  @Test
  void shouldResetEveryModelOfAPatternExactlyOnceAcrossTheTasks() throws Exception {
    String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    try (ProcessorApplication app =
        TestProcessors.start(
            stack.kafkaBootstrapServers(),
            prefix,
            stateDir,
            Map.of("vigil.processor.api.keys", "ops:" + ApiKeys.hash(KEY)))) {
      produce(Topics.withPrefix(prefix).events().name(), start, List.of("keep/cpu"));
      produce(Topics.withPrefix(prefix).events().name(), start, KEYS);
      await().atMost(PATIENCE).until(() -> TestHttp.eventsScored(app.adminPort()) >= 10 * 5);
      await().atMost(PATIENCE).until(() -> get(app, "/v1/models/r-3/cpu").statusCode() == 200);

      HttpResponse<String> accepted = post(app, "{\"pattern\":\"r-*\"}");

      assertThat(accepted.statusCode()).isEqualTo(202);
      await()
          .atMost(PATIENCE)
          .until(
              () -> metric(app, "vigil_processor_model_resets_total", "reason", "operator") == 4);
      for (String key : KEYS) {
        await().atMost(PATIENCE).until(() -> get(app, "/v1/models/" + key).statusCode() == 404);
      }
      assertThat(get(app, "/v1/models/keep/cpu").statusCode()).isEqualTo(200);
      assertThat(metric(app, "vigil_processor_reset_requests_total", "outcome", "applied"))
          .as("one request, applied by each of the 3 tasks a pattern reaches")
          .isEqualTo(3);
    }
  }

  private void produce(String topic, Instant start, List<String> keys) {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (String key : keys) {
        for (int i = 0; i < 10; i++) {
          producer.send(
              new ProducerRecord<>(
                  topic, key, TestEvents.json(key, start.plusSeconds(i), 50.0 + i, key + i)));
        }
      }
      producer.flush();
    }
  }

  private static double metric(ProcessorApplication app, String name, String label, String value)
      throws Exception {
    return TestHttp.sum(TestHttp.get(app.adminPort(), "/metrics").body(), name, label, value);
  }

  private static HttpResponse<String> get(ProcessorApplication app, String path) throws Exception {
    return TestHttp.get(app.adminPort(), path);
  }

  private HttpResponse<String> post(ProcessorApplication app, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.adminPort() + ResetApi.PATH))
            .header("Authorization", "Bearer " + KEY)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
