package io.vigil.launcher.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vigil.ingest.http.IngestApplication;
import io.vigil.ingest.http.IngestServiceConfig;
import io.vigil.localstack.LocalStack;
import io.vigil.localstack.LocalStackOptions;
import io.vigil.localstack.junit.LogCapture;
import io.vigil.localstack.kafka.EmbeddedKafkaNode;
import io.vigil.localstack.kafka.KafkaSaslSsl;
import io.vigil.processor.ProcessorApplication;
import io.vigil.processor.config.ProcessorConfig;
import io.vigil.runtime.ServiceRunner;
import io.vigil.runtime.config.Settings;
import io.vigil.runtime.http.ApiKeys;
import io.vigil.sink.SinkApplication;
import io.vigil.sink.SinkConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline on a secured stack, configured only through documented environment variables: Kafka
 * over SASL_SSL with SCRAM-SHA-512 (password and trust store password read by Kafka's
 * FileConfigProvider), the sink as a least-privilege PostgreSQL role (an owner role migrates) and
 * with the Redis password, API keys from files. An event posted to the ingest API ends as an
 * anomaly in PostgreSQL and Redis, and no secret shows in the logs, a /metrics scrape, a readiness
 * answer or a bad-config message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurePipelineIT {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String SERIES = "secure-host/cpu";
  private static final int NORMAL_EVENTS = 300;
  private static final String OWNER_PASSWORD = "owner-pw-7c1e9a";
  private static final String WRITER_PASSWORD = "writer-pw-4b2d8f";
  private static final String INGEST_KEY = ApiKeys.newKey();
  private static final String OPERATOR_KEY = ApiKeys.newKey();

  private final HttpClient http = HttpClient.newHttpClient();
  private LocalStack stack;
  private KafkaSaslSsl kafka;
  private String redisPassword;

  @BeforeAll
  void startStack() throws Exception {
    stack = LocalStack.start(LocalStackOptions.builder().secured(true).build());
    kafka = ((EmbeddedKafkaNode) stack.kafka()).saslSsl().orElseThrow();
    redisPassword = stack.redis().password().orElseThrow();
    // README "Security" → PostgreSQL, as the administrator.
    superuser("CREATE ROLE vigil_owner LOGIN PASSWORD '" + OWNER_PASSWORD + "'");
    superuser("CREATE ROLE vigil_sink LOGIN PASSWORD '" + WRITER_PASSWORD + "'");
    superuser("CREATE SCHEMA vigil AUTHORIZATION vigil_owner");
  }

  @AfterAll
  void stopStack() {
    stack.close();
  }

  @Test
  void shouldCarryAnEventToAnAnomalyOverSaslSslWithoutShowingASecret(
      @TempDir Path secrets, @TempDir Path state) throws Exception {
    Map<String, String> env = environment(secrets, state);
    String metrics;
    String readiness;
    String logs;
    try (LogCapture capture = LogCapture.start(Level.INFO);
        SinkApplication sink = SinkApplication.start(config(env, SinkConfig::from), clock());
        ProcessorApplication processor =
            ProcessorApplication.start(config(env, ProcessorConfig::from), clock());
        IngestApplication ingest =
            IngestApplication.start(config(env, IngestServiceConfig::from), clock())) {
      HttpResponse<String> accepted = postEvents(ingest.port(), INGEST_KEY);
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
      assertThat(postEvents(ingest.port(), "not-the-key").statusCode()).isEqualTo(401);

      // The operator API's producer goes through SASL_SSL too; its key came from a file.
      HttpResponse<String> reset = postReset(processor.adminPort(), OPERATOR_KEY);
      assertThat(reset.statusCode()).as(reset.body()).isEqualTo(202);
      assertThat(postReset(processor.adminPort(), INGEST_KEY).statusCode()).isEqualTo(401);

      await().atMost(WAIT).until(() -> storedAnomalies() == 1);
      await().atMost(WAIT).until(() -> latestInRedis() != null);
      assertThat(latestInRedis()).contains("\"key\":\"" + SERIES + "\"");

      List<String> scraped = new ArrayList<>();
      for (int port : List.of(ingest.port(), processor.adminPort(), sink.adminPort())) {
        scraped.add(get(port, "/metrics"));
        scraped.add(get(port, "/health/ready"));
      }
      metrics = String.join("\n", scraped);
      readiness = get(sink.adminPort(), "/health/ready");
      logs = capture.text();
    }

    assertThat(readiness).contains("\"status\":\"UP\"");
    assertThat(metrics).contains("vigil_sink_writes_total");
    // The logs are real: the Kafka clients' config dumps are in them, with secrets hidden.
    assertThat(logs).contains("sasl.jaas.config = [hidden]");
    for (String secret : secrets()) {
      assertThat(logs).as("logs").doesNotContain(secret);
      assertThat(metrics).as("metrics and readiness").doesNotContain(secret);
    }
  }

  @Test
  void shouldNameABadSettingWithoutShowingASecret(@TempDir Path secrets, @TempDir Path state)
      throws Exception {
    Map<String, String> env = environment(secrets, state);
    env.put("VIGIL_HTTP_PORT", "not-a-port");
    // A plain key where a hash belongs: the message must not echo it either.
    env.remove("VIGIL_INGEST_API_KEYS_FILE");
    env.put("VIGIL_INGEST_API_KEYS", "producer:plain-" + INGEST_KEY);

    String messages =
        badConfig("results-sink", env, SinkConfig::from)
            + badConfig("stream-processor", env, ProcessorConfig::from)
            + badConfig("ingest-api", env, IngestServiceConfig::from);

    assertThat(messages).contains("vigil.http.port (VIGIL_HTTP_PORT)").contains("SHA-256");
    for (String secret : secrets()) {
      assertThat(messages).doesNotContain(secret);
    }
  }

  @Test
  void shouldReplayThroughTheLauncherCommandOverSaslSsl(@TempDir Path secrets, @TempDir Path state)
      throws Exception {
    Map<String, String> env = environment(secrets, state);
    Path events = secrets.resolve("events.ndjson");
    Files.writeString(events, ndjson("replayed-host/cpu", 20, 20));
    Path out = secrets.resolve("replay.out");
    // ./vigil replay in its own JVM: the launcher reads the same KAFKA_* from its environment.
    Path root = Path.of("..").toAbsolutePath().normalize();
    ProcessBuilder replay =
        new ProcessBuilder(
                root.resolve("vigil").toString(), "replay", events.toString(), "--no-progress")
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    replay.environment().putAll(env);
    replay.environment().put("VIGIL_NO_BUILD", "1");
    Process process = replay.start();
    assertThat(process.waitFor(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    String output = Files.readString(out);
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("replayed 20 events").contains("0 records not acknowledged");
    for (String secret : secrets()) {
      assertThat(output).doesNotContain(secret);
    }
  }

  /**
   * Every setting as an operator would give it: {@code KAFKA_*} passed to the Kafka clients, the
   * Kafka secrets in a properties file read by Kafka's FileConfigProvider, Vigil's secrets in files
   * named by {@code *_FILE}.
   */
  private Map<String, String> environment(Path secrets, Path state) throws Exception {
    Path kafkaSecrets =
        Files.writeString(
            secrets.resolve("kafka.properties"),
            "password=" + kafka.password() + "\ntruststore.password=" + kafka.trustStorePassword());
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers());
    env.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
    env.put("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
    env.put(
        "KAFKA_SASL_JAAS_CONFIG",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + kafka.user()
            + "\" password=\"${file:"
            + kafkaSecrets
            + ":password}\";");
    env.put("KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12");
    env.put("KAFKA_SSL_TRUSTSTORE_LOCATION", kafka.trustStore().toString());
    env.put("KAFKA_SSL_TRUSTSTORE_PASSWORD", "${file:" + kafkaSecrets + ":truststore.password}");
    env.put("KAFKA_CONFIG_PROVIDERS", "file");
    env.put(
        "KAFKA_CONFIG_PROVIDERS_FILE_CLASS",
        "org.apache.kafka.common.config.provider.FileConfigProvider");
    env.put("VIGIL_TOPIC_PREFIX", "secure.");
    env.put("VIGIL_TOPICS_PARTITIONS", "1");
    env.put("VIGIL_HTTP_HOST", "127.0.0.1");
    env.put("VIGIL_HTTP_PORT", "0");

    env.put(
        "VIGIL_INGEST_API_KEYS_FILE", file(secrets, "api-keys", "producer:" + hash(INGEST_KEY)));
    env.put(
        "VIGIL_PROCESSOR_API_KEYS_FILE",
        file(secrets, "operator-keys", "ops:" + hash(OPERATOR_KEY)));
    env.put("VIGIL_PROCESSOR_APPLICATION_ID", "secure-processor");
    env.put("VIGIL_PROCESSOR_STATE_DIR", state.toString());
    env.put("VIGIL_PROCESSOR_DETECTOR", "ewma");

    env.put("VIGIL_SINK_JDBC_URL", stack.jdbcUrl());
    env.put("VIGIL_SINK_JDBC_USER", "vigil_sink");
    env.put("VIGIL_SINK_JDBC_PASSWORD_FILE", file(secrets, "jdbc-password", WRITER_PASSWORD));
    env.put("VIGIL_SINK_JDBC_MIGRATION_USER", "vigil_owner");
    env.put(
        "VIGIL_SINK_JDBC_MIGRATION_PASSWORD_FILE",
        file(secrets, "jdbc-owner-password", OWNER_PASSWORD));
    env.put("VIGIL_SINK_JDBC_SCHEMA", "vigil");
    env.put("VIGIL_SINK_REDIS_URI", stack.redisUri());
    env.put("VIGIL_SINK_REDIS_PASSWORD_FILE", file(secrets, "redis-password", redisPassword));
    env.put("VIGIL_SINK_POLL_TIMEOUT", "100ms");
    return env;
  }

  private List<String> secrets() {
    return List.of(
        kafka.password(),
        kafka.trustStorePassword(),
        INGEST_KEY,
        OPERATOR_KEY,
        OWNER_PASSWORD,
        WRITER_PASSWORD,
        redisPassword);
  }

  private static <C> C config(Map<String, String> env, Function<Settings, C> reader) {
    return reader.apply(Settings.load(null, env));
  }

  /** What {@code ServiceRunner} prints for a bad configuration, and that it exits with 2. */
  private static <C> String badConfig(
      String name, Map<String, String> env, Function<Settings, C> reader) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        ServiceRunner.run(
            name,
            env,
            reader,
            (config, clock) -> {
              throw new AssertionError(name + " started with a bad config");
            },
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(exit).isEqualTo(ServiceRunner.EXIT_BAD_CONFIG);
    return err.toString(StandardCharsets.UTF_8);
  }

  /** {@value #NORMAL_EVENTS} minutes of a steady series, then one spike. */
  private HttpResponse<String> postEvents(int port, String key) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/events"))
            .timeout(WAIT)
            .header("Content-Type", "application/x-ndjson")
            .header("Authorization", "Bearer " + key)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    ndjson(SERIES, NORMAL_EVENTS + 1, NORMAL_EVENTS)))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /**
   * {@code count} events of {@code series} a minute apart, ending now; a spike at {@code spike}.
   */
  private static String ndjson(String series, int count, int spike) {
    Instant start = Instant.now().minus(count + 10, ChronoUnit.MINUTES);
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < count; i++) {
      double value = i == spike ? 500 : 10 + Math.sin(i / 5.0);
      body.append("{\"key\":\"")
          .append(series)
          .append("\",\"timestamp\":\"")
          .append(start.plus(i, ChronoUnit.MINUTES))
          .append("\",\"value\":")
          .append(value)
          .append("}\n");
    }
    return body.toString();
  }

  private HttpResponse<String> postReset(int port, String key) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/models/resets"))
            .timeout(WAIT)
            .header("Authorization", "Bearer " + key)
            .POST(HttpRequest.BodyPublishers.ofString("{\"pattern\":\"other-host/*\"}"))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private String get(int port, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private long storedAnomalies() throws Exception {
    try (Connection connection =
            DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT count(*) FROM vigil.anomalies WHERE key = '" + SERIES + "'")) {
      return rows.next() ? rows.getLong(1) : 0;
    } catch (java.sql.SQLException e) {
      return 0; // the table does not exist until the sink's first migration
    }
  }

  private String latestInRedis() {
    RedisURI uri = RedisURI.create(stack.redisUri());
    uri.setAuthentication(redisPassword);
    RedisClient client = RedisClient.create(uri);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      return connection.sync().get("vigil:anomaly:latest:" + SERIES);
    } finally {
      client.shutdown();
    }
  }

  private void superuser(String sql) throws Exception {
    try (Connection connection =
            DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String file(Path dir, String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content + "\n").toString();
  }

  private static String hash(String key) {
    return ApiKeys.hash(key);
  }

  private static Clock clock() {
    return Clock.systemUTC();
  }
}
