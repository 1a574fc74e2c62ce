package io.vigil.launcher.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.localstack.LocalStack;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.processor.ProcessorApplication;
import io.vigil.processor.config.ProcessorConfig;
import io.vigil.runtime.config.Settings;
import io.vigil.runtime.http.ApiKeys;
import io.vigil.schemas.topic.Topics;
import io.vigil.sink.SinkApplication;
import io.vigil.sink.SinkConfig;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The console in a real browser (the system's headless Chromium through {@code
 * /usr/bin/chromedriver}) against a running processor and sink on the embedded Kafka, PostgreSQL
 * and Redis. Saves screenshots to {@code vigil.console.screenshots} (default {@code
 * target/console-screenshots}); the README's pictures are made with it.
 */
@WithLocalStack
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String SERIES = "checkout/latency-ms";
  private static final String CALM = "checkout/requests";
  private static final String XSS = "<img src=x onerror=alert(1)>";
  private static final int HISTORY = 120;

  private final LocalStack stack;
  private final Clock clock = Clock.systemUTC();
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final Topics topics = Topics.withPrefix("console-" + run + ".");
  private final String schema = "console_" + run;
  private final String apiKey = ApiKeys.newKey();
  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final Path screenshots =
      Path.of(System.getProperty("vigil.console.screenshots", "target/console-screenshots"));
  private final Instant start = clock.instant().minusSeconds(HISTORY + 30);
  private ProcessorApplication processor;
  private SinkApplication sink;
  private KafkaProducer<String, String> producer;
  private WebDriver browser;
  private String base;

  ConsoleBrowserIT(LocalStack stack) {
    this.stack = stack;
  }

  @BeforeAll
  void startPipelineAndBrowser(@org.junit.jupiter.api.io.TempDir Path stateDir) throws IOException {
    Files.createDirectories(screenshots);
    processor =
        ProcessorApplication.start(
            ProcessorConfig.from(
                settings(
                    "vigil.processor.application.id", "console-processor-" + run,
                    "vigil.processor.state.dir", stateDir.toString(),
                    "vigil.processor.detector", "ewma",
                    "vigil.processor.scores.enabled", "true",
                    "vigil.http.port", "0")),
            clock);
    sink =
        SinkApplication.start(
            SinkConfig.from(
                settings(
                    "vigil.sink.jdbc.url",
                    stack.jdbcUrl(),
                    "vigil.sink.jdbc.user",
                    stack.jdbcUser(),
                    "vigil.sink.jdbc.password",
                    stack.jdbcPassword(),
                    "vigil.sink.jdbc.schema",
                    schema,
                    "vigil.sink.redis.uri",
                    stack.redisUri(),
                    "vigil.sink.redis.key.prefix",
                    "console:" + run + ":",
                    "vigil.sink.postgres.group",
                    "console-postgres-" + run,
                    "vigil.sink.redis.group",
                    "console-redis-" + run,
                    "vigil.sink.feedback.group",
                    "console-feedback-" + run,
                    "vigil.sink.feedback.refresh",
                    "1s",
                    "vigil.sink.scores.enabled",
                    "true",
                    "vigil.sink.scores.group",
                    "console-scores-" + run,
                    "vigil.console.api.keys",
                    "it:" + ApiKeys.hash(apiKey),
                    "vigil.console.processor.url",
                    "http://localhost:" + processor.adminPort(),
                    "vigil.http.port",
                    "0")),
            clock);
    base = "http://localhost:" + sink.adminPort();
    producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()),
            new StringSerializer(),
            new StringSerializer());
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .build(),
            options);
  }

  @AfterAll
  void stopAll() {
    if (browser != null) {
      browser.quit();
    }
    if (producer != null) {
      producer.close();
    }
    if (sink != null) {
      sink.close();
    }
    if (processor != null) {
      processor.close();
    }
  }

  @Test
  @Order(1)
  void shouldShowTheInjectedAnomalyOnTheOverview() {
    sendSeries(SERIES, 250, 12, true);
    sendSeries(CALM, 900, 30, false);
    String id = awaitAnomaly(SERIES);

    browser.get(base + "/");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(browser.findElements(feedItem(id))).as("feed item").hasSize(1));
    assertThat(browser.findElement(feedItem(id)).getText()).contains(SERIES);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(browser.findElement(By.id("top")).getText()).contains(SERIES));
    assertThat(
            Integer.parseInt(browser.findElement(By.id("per-minute")).getAttribute("data-total")))
        .as("anomalies counted in the per-minute chart")
        .isGreaterThanOrEqualTo(1);
    assertThat(browser.findElement(By.cssSelector("#per-minute canvas")).isDisplayed()).isTrue();
  }

  @Test
  @Order(2)
  void shouldAddANewAnomalyToTheLiveFeedWithoutReload() {
    browser.get(base + "/");
    await()
        .atMost(WAIT)
        .until(() -> browser.findElement(By.id("live-state")).getText().equals("live"));
    Object marker = mark();

    sendSeries(XSS, 40, 4, true);
    String id = awaitAnomaly(XSS);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(browser.findElements(By.cssSelector("#feed li[data-live='true']")))
                    .extracting(e -> e.getAttribute("data-id"))
                    .contains(id));
    assertThat(mark()).as("the page was not reloaded").isEqualTo(marker);
    screenshot("overview");
  }

  @Test
  @Order(3)
  void shouldRenderAnXssKeyAsText() {
    String id = awaitAnomaly(XSS);
    browser.get(base + "/");
    WebElement item = awaitElement(feedItem(id));
    assertThat(item.findElement(By.cssSelector(".key")).getText()).isEqualTo(XSS);
    assertThat(browser.findElements(By.cssSelector("main img"))).as("injected elements").isEmpty();

    browser.get(base + "/anomaly/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
    assertThat(awaitElement(By.id("anomaly-key")).getText()).isEqualTo(XSS);
    browser.findElement(By.id("anomaly-key")).click();
    assertThat(awaitElement(By.id("series-key")).getText()).isEqualTo(XSS);
    assertThat(browser.findElements(By.cssSelector("main img"))).isEmpty();
  }

  @Test
  @Order(4)
  void shouldDrawTheSeriesChartWithBandAndMarker() {
    browser.get(base + "/series/" + SERIES);
    WebElement chart = awaitElement(By.cssSelector(".chart[data-feature='value']"));
    await().atMost(WAIT).until(() -> chart.getAttribute("data-markers") != null);
    assertThat(Integer.parseInt(chart.getAttribute("data-points"))).isGreaterThan(HISTORY / 2);
    assertThat(chart.getAttribute("data-band")).isEqualTo("true");
    assertThat(Integer.parseInt(chart.getAttribute("data-markers"))).isGreaterThanOrEqualTo(1);
    assertThat(chart.findElement(By.tagName("canvas")).isDisplayed()).isTrue();
    assertThat(awaitElement(By.id("model")).getText()).contains("ewma");
    await()
        .atMost(WAIT)
        .until(() -> !browser.findElements(By.cssSelector("#history tbody tr")).isEmpty());
    screenshot("series");
    browser.findElement(By.id("theme")).click();
    awaitElement(By.cssSelector(".chart[data-feature='value'] canvas"));
    screenshot("series-dark");
    browser.findElement(By.id("theme")).click();
  }

  @Test
  @Order(5)
  void shouldLandAFalsePositiveLabelInPostgresAndMoveThePrecision() throws Exception {
    String id = awaitAnomaly(SERIES);
    assertThat(precision("ewma")).as("precision before any label").isEmpty();

    browser.get(base + "/anomaly/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
    awaitElement(By.id("features"));
    assertThat(browser.findElement(By.id("features")).getText()).contains("value");
    browser.findElement(By.id("api-key")).sendKeys(apiKey);
    screenshot("anomaly");
    browser.findElement(By.id("false-positive")).click();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(browser.findElement(By.id("feedback-result")).getText())
                    .isEqualTo("Labelled false positive."));

    await().atMost(WAIT).until(() -> storedLabel(id).isPresent());
    assertThat(storedLabel(id)).contains("false_positive by it");
    await().atMost(WAIT).until(() -> precision("ewma").isPresent());
    assertThat(precision("ewma")).contains(0.0);

    browser.manage().window().setSize(new Dimension(390, 844));
    browser.get(base + "/");
    awaitElement(feedItem(id));
    screenshot("overview-phone");
    browser.manage().window().setSize(new Dimension(1280, 900));
  }

  @Test
  @Order(6)
  void shouldRefuseALabelWithoutAValidKey() throws Exception {
    String id = awaitAnomaly(SERIES);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/v1/console/feedback"))
                .header("Authorization", "Bearer not-the-key")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"anomalyId\":\"" + id + "\",\"label\":\"confirmed\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(storedLabel(id)).contains("false_positive by it");
  }

  /** Normal values around {@code level}, one a second, the last one a spike when asked. */
  private void sendSeries(String key, double level, double noise, boolean spike) {
    Random random = new Random(key.hashCode());
    for (int i = 0; i < HISTORY; i++) {
      double value = level + noise * random.nextGaussian();
      if (spike && i == HISTORY - 1) {
        value = level + 40 * noise;
      }
      String event =
          String.format(
              Locale.ROOT,
              "{\"key\":%s,\"timestamp\":\"%s\",\"value\":%.3f,\"tags\":{\"env\":\"it\"}}",
              quote(key),
              start.plusSeconds(i),
              value);
      producer.send(new ProducerRecord<>(topics.events().name(), key, event));
    }
    producer.flush();
  }

  private String quote(String text) {
    try {
      return mapper.writeValueAsString(text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The id of the series' newest stored anomaly, once there is one. */
  private String awaitAnomaly(String key) {
    return await()
        .atMost(WAIT)
        .until(
            () -> {
              JsonNode anomalies =
                  get("/v1/anomalies?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8))
                      .path("anomalies");
              return anomalies.isEmpty() ? null : anomalies.get(0).path("id").asText();
            },
            id -> id != null);
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    return mapper.readTree(response.body());
  }

  private Optional<Double> precision(String detector) throws IOException, InterruptedException {
    String metrics =
        http.send(
                HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher m =
        Pattern.compile(
                "^vigil_detector_precision\\{[^}]*detector=\"" + detector + "\"[^}]*} (\\S+)$",
                Pattern.MULTILINE)
            .matcher(metrics);
    return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
  }

  private Optional<String> storedLabel(String id) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
        PreparedStatement select =
            c.prepareStatement(
                "SELECT label, labelled_by FROM "
                    + schema
                    + ".anomaly_feedback WHERE anomaly_id = ?")) {
      select.setString(1, id);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next()
            ? Optional.of(rs.getString("label") + " by " + rs.getString("labelled_by"))
            : Optional.empty();
      }
    }
  }

  private static By feedItem(String id) {
    return By.cssSelector("#feed li[data-id='" + id + "']");
  }

  private WebElement awaitElement(By by) {
    return await()
        .atMost(WAIT)
        .ignoreExceptions()
        .until(() -> browser.findElement(by), WebElement::isDisplayed);
  }

  /** A value set on the page's window: gone if the page reloads. */
  private Object mark() {
    return ((org.openqa.selenium.JavascriptExecutor) browser)
        .executeScript("return window.__mark || (window.__mark = Math.random());");
  }

  private void screenshot(String name) {
    try {
      Path shot =
          ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new IllegalStateException("cannot save screenshot " + name, e);
    }
  }

  private Settings settings(String... keyValues) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      values.put(keyValues[i], keyValues[i + 1]);
    }
    values.put("kafka.bootstrap.servers", stack.kafkaBootstrapServers());
    values.put("vigil.topic.prefix", topics.prefix());
    values.put("vigil.topics.partitions", "2");
    return Settings.of(values);
  }
}
