package io.vigil.processor.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.runtime.http.AdminServer;
import io.vigil.runtime.http.ApiKeys;
import io.vigil.runtime.metrics.ServiceMetrics;
import io.vigil.schemas.event.ParseResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP side of resets, against a MockProducer; the topology side is ModelResetTopologyTest. */
class ResetApiTest {
  private static final String KEY = "s3cret-operator-key";

  private final ServiceMetrics metrics = ServiceMetrics.create("test");
  private final HttpClient client = HttpClient.newHttpClient();
  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private AdminServer server;

  private void start(ApiKeys keys) {
    ResetApi api = new ResetApi(keys, "model-resets", producer);
    server =
        AdminServer.builder()
            .host("127.0.0.1")
            .port(0)
            .metrics(metrics.registry())
            .routes(routes -> routes.post(ResetApi.PATH, api::handle))
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
    metrics.close();
  }

  @Test
  void shouldWriteAnAuthenticatedRequestKeyedByItsPatternWithTheClientAsRequester()
      throws Exception {
    start(ApiKeys.parse("alice:" + ApiKeys.hash(KEY)));

    HttpResponse<String> response = post("{\"pattern\":\"host-*/cpu\"}", KEY);

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).contains("\"pattern\":\"host-*/cpu\"", "\"offset\":0");
    assertThat(producer.history()).hasSize(1);
    ProducerRecord<String, byte[]> sent = producer.history().get(0);
    assertThat(sent.topic()).isEqualTo("model-resets");
    assertThat(sent.key()).isEqualTo("host-*/cpu");
    var parsed = ResetRequest.parse(sent.key(), sent.value());
    assertThat(((ParseResult.Accepted<ResetRequest>) parsed).value())
        .isEqualTo(new ResetRequest("host-*/cpu", "alice"));
  }

  @Test
  void shouldRefuseMissingKeysBadBodiesAndAnApiWithoutKeys() throws Exception {
    start(ApiKeys.parse("alice:" + ApiKeys.hash(KEY)));

    assertThat(post("{\"pattern\":\"a\"}", null).statusCode()).isEqualTo(401);
    assertThat(post("{\"pattern\":\"a\"}", "wrong").statusCode()).isEqualTo(401);
    HttpResponse<String> blank = post("{\"pattern\":\" \"}", KEY);
    assertThat(blank.statusCode()).isEqualTo(400);
    assertThat(blank.body()).contains("/pattern");
    assertThat(post("not json", KEY).statusCode()).isEqualTo(400);
    assertThat(producer.history()).isEmpty();
    server.close();

    start(ApiKeys.parse(""));
    HttpResponse<String> off = post("{\"pattern\":\"a\"}", KEY);
    assertThat(off.statusCode()).isEqualTo(403);
    assertThat(off.body()).contains("vigil.processor.api.keys");
  }

  private HttpResponse<String> post(String body, String key)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + ResetApi.PATH))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
