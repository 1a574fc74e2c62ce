package io.vigil.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.localstack.LocalStack;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.runtime.config.Settings;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.Severity;
import io.vigil.schemas.serde.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The query API against a running sink fed through Kafka, real PostgreSQL and Redis. */
@WithLocalStack
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SinkQueryIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final int KEYS = 5;
  private static final int PER_KEY = 20;
  private static final Comparator<Anomaly> NEWEST_FIRST =
      Comparator.comparing(Anomaly::timestamp).thenComparing(Anomaly::id).reversed();

  private final LocalStack stack;
  private final SinkFixture fixture;
  private final ObjectMapper mapper = Json.newMapper();
  private final List<Anomaly> anomalies = new ArrayList<>();
  private SinkApplication app;

  SinkQueryIT(LocalStack stack) {
    this.stack = stack;
    this.fixture = new SinkFixture(stack);
  }

  @BeforeAll
  void startSinkWithAnomalies() {
    // Every key has anomalies at the same instants: ties that only the id orders. Every other
    // one has no explanation, as from a detector that does not give one.
    for (int k = 0; k < KEYS; k++) {
      for (int i = 0; i < PER_KEY; i++) {
        Anomaly anomaly =
            TestAnomalies.anomaly(
                key(k), TestAnomalies.T0.plusSeconds(10L * i), Severity.values()[i % 4]);
        anomalies.add(i % 2 == 0 ? TestAnomalies.unexplained(anomaly) : anomaly);
      }
    }
    Map<String, String> settings = fixture.settings();
    settings.put("vigil.sink.breaker.open.duration", "1s");
    settings.put("vigil.sink.jdbc.connect.timeout", "2s");
    fixture.createTopic();
    app =
        fixture.track(
            SinkApplication.start(SinkConfig.from(Settings.of(settings)), Clock.systemUTC()));
    fixture.send(anomalies);
    await()
        .atMost(WAIT)
        .until(
            () ->
                fixture.lag(fixture.postgresGroup()) == 0
                    && fixture.lag(fixture.redisGroup()) == 0);
  }

  @AfterAll
  void close() {
    fixture.close();
  }

  @Test
  void shouldPageThroughEveryAnomalyNewestFirstWithoutGapsOrDuplicates() {
    List<String> ids = new ArrayList<>();
    String link = "/v1/anomalies?limit=7";
    int pages = 0;
    while (link != null) {
      JsonNode page = ok(link);
      assertThat(page.get("anomalies").size()).isLessThanOrEqualTo(7);
      page.get("anomalies").forEach(a -> ids.add(a.get("id").asText()));
      link = page.get("next").isNull() ? null : page.get("next").asText();
      assertThat(page.get("cursor").isNull()).isEqualTo(link == null);
      pages++;
    }

    assertThat(pages).isEqualTo(15);
    assertThat(ids)
        .containsExactlyElementsOf(
            anomalies.stream().sorted(NEWEST_FIRST).map(Anomaly::id).toList());
  }

  @Test
  void shouldFilterByKeyTimeRangeAndMinimumSeverity() {
    Instant from = TestAnomalies.T0.plusSeconds(30);
    Instant to = TestAnomalies.T0.plusSeconds(150);
    List<Anomaly> expected =
        anomalies.stream()
            .filter(a -> a.key().equals(key(1)))
            .filter(a -> !a.timestamp().isBefore(from) && a.timestamp().isBefore(to))
            .filter(a -> a.severity().compareTo(Severity.HIGH) >= 0)
            .sorted(NEWEST_FIRST)
            .toList();

    JsonNode page =
        ok(
            "/v1/anomalies?key="
                + encode(key(1))
                + "&from="
                + from
                + "&to="
                + to.toEpochMilli()
                + "&severity=high&limit=1000");

    assertThat(expected).hasSize(6);
    assertThat(anomalies(page)).containsExactlyElementsOf(expected);
    assertThat(page.get("next").isNull()).isTrue();
  }

  @Test
  void shouldReturnEachAnomalyWithItsExplanationOrWithoutOneAsWritten() {
    List<Anomaly> written =
        anomalies.stream().filter(a -> a.key().equals(key(4))).sorted(NEWEST_FIRST).toList();

    List<Anomaly> returned = anomalies(ok("/v1/anomalies?key=" + encode(key(4)) + "&limit=1000"));

    assertThat(returned).containsExactlyElementsOf(written);
    assertThat(returned)
        .extracting(Anomaly::explanation)
        .containsOnly(null, TestAnomalies.anomaly(key(4), 0).explanation());
    assertThat(TestAnomalies.anomaly(key(4), 0).explanation()).isNotBlank();
  }

  @Test
  void shouldKeepTheFiltersInTheNextLink() {
    JsonNode first = ok("/v1/anomalies?key=" + encode(key(2)) + "&severity=critical&limit=2");
    JsonNode second = ok(first.get("next").asText());
    JsonNode third = ok(second.get("next").asText());

    List<Anomaly> all = new ArrayList<>(anomalies(first));
    all.addAll(anomalies(second));
    all.addAll(anomalies(third));
    assertThat(all)
        .containsExactlyElementsOf(
            anomalies.stream()
                .filter(a -> a.key().equals(key(2)) && a.severity() == Severity.CRITICAL)
                .sorted(NEWEST_FIRST)
                .toList());
    assertThat(third.get("next").isNull()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "/v1/anomalies?limit=0, limit",
    "/v1/anomalies?limit=5000, limit",
    "/v1/anomalies?limit=abc, limit",
    "/v1/anomalies?from=yesterday, from",
    "/v1/anomalies?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z, to",
    "/v1/anomalies?severity=urgent, severity",
    "/v1/anomalies?cursor=bm9wZQ, cursor",
    "/v1/anomalies?key=, key",
    "/v1/anomalies?sort=asc, sort",
    "/v1/anomalies?limit=1&limit=2, limit",
    "/v1/anomalies/latest?key=a&limit=3, limit",
    "/v1/anomalies/latest?limit=-1, limit",
    "/v1/anomalies/latest?since=now, since"
  })
  void shouldAnswer400NamingTheBadParameter(String path, String parameter) throws IOException {
    HttpResponse<String> response = fixture.get(app.adminPort(), path);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode problems = mapper.readTree(response.body()).get("problems");
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).get("parameter").asText()).isEqualTo(parameter);
    assertThat(problems.get(0).get("problem").asText()).isNotBlank();
  }

  @Test
  void shouldServeTheLatestAnomalyOfAKeyFromRedis() {
    Anomaly newest =
        anomalies.stream().filter(a -> a.key().equals(key(3))).min(NEWEST_FIRST).orElseThrow();

    assertThat(anomalies(ok("/v1/anomalies/latest?key=" + encode(key(3))))).containsExactly(newest);
    assertThat(anomalies(ok("/v1/anomalies/latest?key=no-such-series"))).isEmpty();
  }

  @Test
  void shouldServeTheMostRecentAnomaliesOverAllKeysBounded() {
    List<Anomaly> recent = anomalies(ok("/v1/anomalies/latest?limit=5"));
    List<Anomaly> all = anomalies(ok("/v1/anomalies/latest"));

    assertThat(recent).hasSize(5).doesNotHaveDuplicates();
    assertThat(all).hasSize(100).doesNotHaveDuplicates();
    assertThat(anomalies).containsAll(all);
    assertThat(all.subList(0, 5)).isEqualTo(recent);
  }

  @Test
  void shouldAnswer503WhileTheBackingStoreIsDown() throws IOException {
    stack.postgres().stop();
    try {
      HttpResponse<String> response = fixture.get(app.adminPort(), "/v1/anomalies?limit=1");
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(mapper.readTree(response.body()).get("store").asText()).isEqualTo("postgres");
      assertThat(fixture.get(app.adminPort(), "/v1/anomalies/latest?limit=1").statusCode())
          .isEqualTo(200);
    } finally {
      stack.postgres().restart();
    }
    await().atMost(WAIT).until(() -> status("/v1/anomalies?limit=1") == 200);

    stack.redis().stop();
    try {
      HttpResponse<String> response = fixture.get(app.adminPort(), "/v1/anomalies/latest");
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(mapper.readTree(response.body()).get("store").asText()).isEqualTo("redis");
      assertThat(fixture.get(app.adminPort(), "/v1/anomalies?limit=1").statusCode()).isEqualTo(200);
    } finally {
      stack.redis().restart();
    }
    await().atMost(WAIT).until(() -> status("/v1/anomalies/latest?limit=1") == 200);
  }

  private int status(String path) {
    return fixture.get(app.adminPort(), path).statusCode();
  }

  private JsonNode ok(String path) {
    HttpResponse<String> response = fixture.get(app.adminPort(), path);
    assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
    try {
      return mapper.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Anomaly> anomalies(JsonNode page) {
    return StreamSupport.stream(page.get("anomalies").spliterator(), false)
        .map(node -> mapper.convertValue(node, Anomaly.class))
        .toList();
  }

  private static String key(int k) {
    return "query-host-" + k + "/cpu";
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
