package io.vigil.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.localstack.LocalStack;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.runtime.config.Settings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@WithLocalStack
class GeneratorApplicationIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final LocalStack stack;
  private final HttpClient http = HttpClient.newHttpClient();

  GeneratorApplicationIT(LocalStack stack) {
    this.stack = stack;
  }

  @Test
  void shouldServeReadinessAndGeneratorMetricsWhileGenerating() throws Exception {
    GeneratorServiceConfig config =
        GeneratorServiceConfig.from(
            Settings.of(
                Map.of(
                    "kafka.bootstrap.servers", stack.kafkaBootstrapServers(),
                    "vigil.topic.prefix", "it-" + UUID.randomUUID() + ".",
                    "vigil.http.host", "127.0.0.1",
                    "vigil.http.port", "0",
                    "vigil.generator.series", "3",
                    "vigil.generator.rate", "200")));

    try (GeneratorApplication app = GeneratorApplication.start(config, Clock.systemUTC())) {
      await().atMost(WAIT).until(() -> app.generator().eventsSent() >= 20);

      HttpResponse<String> ready = get(app, "/health/ready");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).contains("\"producer\"").contains("events sent");
      HttpResponse<String> metrics = get(app, "/metrics");
      assertThat(metrics.body())
          .containsPattern("vigil_generator_events_total\\{service=\"ingest-generator\"\\} [1-9]")
          .contains("vigil_generator_send_failures_total");

      app.close();

      assertThat(app.generator().completed()).isTrue();
      assertThat(app.generator().health().up()).isFalse();
    }
  }

  private HttpResponse<String> get(GeneratorApplication app, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.adminPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
