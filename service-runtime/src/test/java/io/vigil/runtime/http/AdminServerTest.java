package io.vigil.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.vigil.runtime.config.HttpSettings;
import io.vigil.runtime.config.TlsSettings;
import io.vigil.runtime.metrics.ServiceMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminServerTest {
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private ServiceMetrics metrics;
  private AdminServer server;

  @BeforeEach
  void createMetrics() {
    metrics = ServiceMetrics.create("test-service");
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    metrics.close();
  }

  private AdminServer.Builder builder() {
    return AdminServer.builder().host("127.0.0.1").port(0).metrics(metrics.registry());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return new ObjectMapper().readTree(response.body());
  }

  private static JsonNode check(HttpResponse<String> response, String name) throws IOException {
    return json(response).path("checks").path(name);
  }

  @Test
  void shouldServeRegisteredCountersAsPrometheusText() throws Exception {
    Counter.builder("vigil.test.events")
        .tag("outcome", "accepted")
        .register(metrics.registry())
        .increment(3);
    server = builder().start();

    HttpResponse<String> response = get("/metrics");

    assertThat(server.port()).isPositive();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(response.body())
        .contains("# TYPE vigil_test_events_total counter")
        .contains("vigil_test_events_total{outcome=\"accepted\",service=\"test-service\"} 3.0")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void shouldTimeRequestsByRouteTemplateAndStatus() throws Exception {
    server =
        builder().routes(routes -> routes.get("/v1/things/{id}", ctx -> ctx.status(204))).start();

    get("/v1/things/a");
    get("/v1/things/b");
    get("/nowhere");
    String scrape = get("/metrics").body();

    assertThat(scrape)
        .containsPattern(
            "http_server_requests_seconds_count\\{method=\"GET\",outcome=\"SUCCESS\",service=\"test-service\",status=\"204\",uri=\"/v1/things/\\{id}\"} 2")
        .containsPattern(
            "http_server_requests_seconds_count\\{method=\"GET\",outcome=\"CLIENT_ERROR\",service=\"test-service\",status=\"404\",uri=\"NOT_FOUND\"} 1")
        .contains("http_server_requests_seconds_bucket{")
        .doesNotContain("/v1/things/a");
  }

  @Test
  void shouldServeBuildInfoAndSystemMetrics() throws Exception {
    server = builder().start();

    String scrape = get("/metrics").body();

    assertThat(scrape)
        .containsPattern(
            "vigil_build_info\\{commit=\"(?:[0-9a-f]{7,}|unknown)\",service=\"test-service\",version=\"[^\"]+\"} 1(?:\\.0)?\n")
        .contains("disk_free_bytes{")
        .contains("process_files_open_files{")
        .contains("system_cpu_usage{")
        .contains("jvm_gc_");
  }

  @Test
  void shouldAnswerLivenessWith200() throws Exception {
    server = builder().readiness("broken", () -> Health.down("irrelevant for liveness")).start();

    HttpResponse<String> response = get("/health/live");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).path("status").asText()).isEqualTo("UP");
  }

  @Test
  void shouldBeReadyWhenEveryCheckIsUp() throws Exception {
    server =
        builder()
            .readiness("kafka", () -> Health.up("RUNNING"))
            .readiness("postgres", () -> Health.up("pool 2/10"))
            .start();

    HttpResponse<String> response = get("/health/ready");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).path("status").asText()).isEqualTo("UP");
    assertThat(check(response, "kafka").toString())
        .isEqualTo("{\"status\":\"UP\",\"detail\":\"RUNNING\"}");
    assertThat(check(response, "postgres").toString())
        .isEqualTo("{\"status\":\"UP\",\"detail\":\"pool 2/10\"}");
    assertThat(json(response).path("checks").fieldNames())
        .toIterable()
        .containsExactly("kafka", "postgres");
  }

  @Test
  void shouldBeReadyWithoutChecks() throws Exception {
    server = builder().start();

    assertThat(get("/health/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void shouldAnswer503WithTheFailingChecksDetail() throws Exception {
    server =
        builder()
            .readiness("kafka", () -> Health.up("RUNNING"))
            .readiness("redis", () -> Health.down("connection refused"))
            .start();

    HttpResponse<String> response = get("/health/ready");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(json(response).path("status").asText()).isEqualTo("DOWN");
    assertThat(check(response, "redis").path("status").asText()).isEqualTo("DOWN");
    assertThat(check(response, "redis").path("detail").asText()).isEqualTo("connection refused");
    assertThat(check(response, "kafka").path("status").asText()).isEqualTo("UP");
  }

  @Test
  void shouldAnswer503WhenACheckThrows() throws Exception {
    server =
        builder()
            .readiness(
                "streams",
                () -> {
                  throw new IllegalStateException("no stream threads");
                })
            .start();

    HttpResponse<String> response = get("/health/ready");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(check(response, "streams").path("status").asText()).isEqualTo("DOWN");
    assertThat(check(response, "streams").path("detail").asText())
        .isEqualTo("check failed: java.lang.IllegalStateException: no stream threads");
  }

  @Test
  void shouldAnswer503WhenACheckReturnsNothing() throws Exception {
    server = builder().readiness("lazy", () -> null).start();

    HttpResponse<String> response = get("/health/ready");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(check(response, "lazy").path("status").asText()).isEqualTo("DOWN");
    assertThat(check(response, "lazy").path("detail").asText())
        .isEqualTo("check returned no result");
  }

  @Test
  void shouldAcceptChecksWithoutDetail() throws Exception {
    server = builder().readiness("quiet", () -> Health.up(null)).start();

    HttpResponse<String> response = get("/health/ready");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(check(response, "quiet").path("status").asText()).isEqualTo("UP");
    assertThat(check(response, "quiet").path("detail").asText()).isEmpty();
  }

  @Test
  void shouldFollowTheCheckAsItChanges() throws Exception {
    AtomicReference<Health> state = new AtomicReference<>(Health.down("starting"));
    server = builder().readiness("streams", state::get).start();

    assertThat(get("/health/ready").statusCode()).isEqualTo(503);
    state.set(Health.up("RUNNING"));
    assertThat(get("/health/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void shouldServeTheServicesOwnRoutes() throws Exception {
    server =
        builder()
            .routes(
                routes -> routes.get("/v1/models/{key}", ctx -> ctx.result(ctx.pathParam("key"))))
            .start();

    HttpResponse<String> response = get("/v1/models/host-1");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("host-1");
  }

  @Test
  void shouldStopServingWhenClosed() throws Exception {
    server = builder().start();
    int port = server.port();
    server.close();
    server = null;

    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live"))
            .timeout(Duration.ofSeconds(5))
            .build();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> client.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void shouldServeOnlyHttpsWhenAKeyStoreIsConfigured(@TempDir Path dir) throws Exception {
    Path keyStore = dir.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "vigil",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                "secret123",
                "-keypass",
                "secret123")
            .redirectErrorStream(true)
            .start();
    String keytoolOutput = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor()).as(keytoolOutput).isZero();
    server =
        builder()
            .http(
                new HttpSettings(
                    "127.0.0.1", 0, Optional.of(new TlsSettings(keyStore, "secret123"))))
            .start();

    KeyStore trusted = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(keyStore)) {
      trusted.load(in, "secret123".toCharArray());
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, trust.getTrustManagers(), null);
    HttpClient https = HttpClient.newBuilder().sslContext(ssl).build();
    URI live = URI.create("https://127.0.0.1:" + server.port() + "/health/live");

    HttpResponse<String> secure =
        https.send(HttpRequest.newBuilder(live).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(secure.statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> get("/health/live")).isInstanceOf(IOException.class);
  }
}
