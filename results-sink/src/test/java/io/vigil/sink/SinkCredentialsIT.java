package io.vigil.sink;

import static io.vigil.sink.TestAnomalies.anomaly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.vigil.localstack.LocalStack;
import io.vigil.localstack.junit.LogCapture;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.runtime.config.Settings;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.sink.consume.LoopState;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink with least-privilege credentials: a PostgreSQL role that may only read and write the
 * sink's rows (an owner role migrates), and a Redis ACL user confined to the sink's key prefix.
 */
@WithLocalStack
class SinkCredentialsIT {
  private static final Duration WAIT = Duration.ofSeconds(90);

  private final LocalStack stack;
  private final SinkFixture fixture;
  private final String owner;
  private final String writer;
  private final String redisUser;

  SinkCredentialsIT(LocalStack stack) {
    this.stack = stack;
    this.fixture = new SinkFixture(stack);
    this.owner = fixture.name() + "_owner";
    this.writer = fixture.name() + "_writer";
    this.redisUser = fixture.name() + "-sink";
  }

  @AfterEach
  void close() {
    fixture.redis().sync().aclDeluser(redisUser);
    fixture.close();
  }

  @Test
  void shouldWriteAsARoleThatCanNeitherDropNorAlterTheTables() throws Exception {
    // docs: README "Security" → PostgreSQL, run by an administrator once.
    fixture.execute("CREATE ROLE " + owner + " LOGIN PASSWORD 'owner-secret'");
    fixture.execute("CREATE ROLE " + writer + " LOGIN PASSWORD 'writer-secret'");
    fixture.execute("CREATE SCHEMA " + fixture.schema() + " AUTHORIZATION " + owner);

    SinkApplication app =
        start(
            Map.of(
                "vigil.sink.jdbc.user", writer,
                "vigil.sink.jdbc.password", "writer-secret",
                "vigil.sink.jdbc.migration.user", owner,
                "vigil.sink.jdbc.migration.password", "owner-secret",
                "vigil.sink.redis.enabled", "false"));
    List<Anomaly> anomalies = anomalies();
    fixture.send(anomalies);

    await().atMost(WAIT).until(() -> fixture.lag(fixture.postgresGroup()) == 0);
    assertThat(fixture.rows()).isEqualTo(anomalies.size());
    assertThat(fixture.get(app.adminPort(), "/health/ready").statusCode()).isEqualTo(200);
    String tableOwner =
        fixture.query(
            "SELECT tableowner FROM pg_tables WHERE schemaname = '"
                + fixture.schema()
                + "' AND tablename = 'anomalies'",
            rs -> rs.next() ? rs.getString(1) : null);
    assertThat(tableOwner).isEqualTo(owner);

    String table = fixture.schema() + ".anomalies";
    assertRefused("DROP TABLE " + table, "must be owner of table anomalies");
    assertRefused("ALTER TABLE " + table + " ADD COLUMN x int", "must be owner of table");
    assertRefused("TRUNCATE " + table, "permission denied");
    assertRefused("UPDATE " + table + " SET score = 0", "permission denied");
    assertRefused("CREATE TABLE " + fixture.schema() + ".other (id int)", "permission denied");
    assertRefused(
        "DELETE FROM " + fixture.schema() + ".flyway_schema_history", "permission denied");
    assertThat(fixture.rows()).isEqualTo(anomalies.size());
  }

  @Test
  void shouldWriteAsARedisAclUserConfinedToItsKeyPrefix(@TempDir Path dir) throws Exception {
    String prefix = fixture.keys().prefix();
    // docs: README "Security" → Redis; the password from a file (VIGIL_SINK_REDIS_PASSWORD_FILE).
    acl(
        "SETUSER",
        redisUser,
        "on",
        ">acl-secret",
        "~" + prefix + "*",
        "resetchannels",
        "&" + prefix + "*");
    acl("SETUSER", redisUser, "+@all", "-@dangerous", "-@admin");
    Path passwordFile = Files.writeString(dir.resolve("redis-password"), "acl-secret\n");

    SinkApplication app =
        start(
            Map.of(
                "vigil.sink.redis.user",
                redisUser,
                "vigil.sink.redis.password.file",
                passwordFile.toString(),
                "vigil.sink.postgres.enabled",
                "false"));
    List<Anomaly> anomalies = anomalies();
    fixture.send(anomalies);

    await().atMost(WAIT).until(() -> fixture.lag(fixture.redisGroup()) == 0);
    Anomaly newest = anomalies.get(anomalies.size() - 1);
    assertThat(fixture.latest(newest.key())).contains(newest);
    assertThat(fixture.get(app.adminPort(), "/health/ready").statusCode()).isEqualTo(200);

    RedisURI uri = RedisURI.create(stack.redisUri());
    uri.setAuthentication(redisUser, "acl-secret");
    RedisClient client = RedisClient.create(uri);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      assertThat(connection.sync().get(fixture.keys().latest(newest.key()))).isNotNull();
      assertThatThrownBy(() -> connection.sync().set("elsewhere:" + fixture.name(), "x"))
          .hasMessageContaining("NOPERM");
      assertThatThrownBy(() -> connection.sync().flushall()).hasMessageContaining("NOPERM");
    } finally {
      client.shutdown();
    }
  }

  @Test
  void shouldReportAWrongRedisPasswordAsNotReadyWithoutLoggingIt() {
    acl("SETUSER", redisUser, "on", ">right-secret", "~*", "+@all");
    String wrong = "wrong-secret-" + fixture.name();
    try (LogCapture logs = LogCapture.start(Level.INFO)) {
      SinkApplication app =
          start(
              Map.of(
                  "vigil.sink.redis.user", redisUser,
                  "vigil.sink.redis.password", wrong,
                  "vigil.sink.postgres.enabled", "false"));
      fixture.send(anomalies());

      await()
          .atMost(WAIT)
          .until(() -> app.loops().get(SinkApplication.REDIS).state() == LoopState.RETRYING);
      HttpResponse<String> ready = fixture.get(app.adminPort(), "/health/ready");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).contains("WRONGPASS").doesNotContain(wrong);
      assertThat(fixture.get(app.adminPort(), "/health/live").statusCode()).isEqualTo(200);
      assertThat(fixture.get(app.adminPort(), "/metrics").body()).doesNotContain(wrong);
      assertThat(logs.text()).contains("WRONGPASS").doesNotContain(wrong);
    }
  }

  /** A sink of this fixture with {@code overrides} on top of its settings. */
  private SinkApplication start(Map<String, String> overrides) {
    Map<String, String> settings = fixture.settings();
    settings.putAll(overrides);
    return fixture.track(
        SinkApplication.start(SinkConfig.from(Settings.of(settings)), Clock.systemUTC()));
  }

  private void assertRefused(String sql, String reason) {
    assertThatThrownBy(
            () -> {
              try (Connection connection =
                      DriverManager.getConnection(stack.jdbcUrl(), writer, "writer-secret");
                  Statement statement = connection.createStatement()) {
                statement.execute(sql);
              }
            })
        .as(sql)
        .isInstanceOf(SQLException.class)
        .hasMessageContaining(reason);
  }

  /** {@code ACL <arguments>} as the default user, as an operator would type it. */
  private void acl(String... arguments) {
    fixture
        .redis()
        .sync()
        .dispatch(
            CommandType.ACL,
            new StatusOutput<>(StringCodec.UTF8),
            new CommandArgs<>(StringCodec.UTF8).addValues(arguments));
  }

  private static List<Anomaly> anomalies() {
    return IntStream.range(0, 10).mapToObj(i -> anomaly("host-" + (i % 3) + "/cpu", i)).toList();
  }
}
