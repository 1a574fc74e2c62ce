package io.vigil.sink;

import static io.vigil.sink.TestAnomalies.anomaly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.localstack.LocalStack;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.sink.consume.LoopState;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@WithLocalStack
class SinkApplicationIT {
  /** Generous: the machine is shared and may be loaded. */
  private static final Duration WAIT = Duration.ofSeconds(90);

  private static final int KEYS = 6;
  private static final int PER_KEY = 10;

  private final LocalStack stack;
  private final SinkFixture fixture;

  SinkApplicationIT(LocalStack stack) {
    this.stack = stack;
    this.fixture = new SinkFixture(stack);
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void shouldWriteEachAnomalyOnceAndKeepTheLatestPerKey() {
    List<Anomaly> anomalies = anomalies();
    fixture.createTopic();
    fixture.send(shuffled(anomalies));
    fixture.send(anomalies.subList(0, 15));
    fixture.sendRaw("host-0/cpu", "not an anomaly".getBytes(StandardCharsets.UTF_8));

    SinkApplication app = start();

    awaitAllCommitted();
    assertThat(fixture.rows()).isEqualTo(anomalies.size());
    assertThat(fixture.ids()).isEqualTo(ids(anomalies));
    assertLatestPerKey(anomalies);
    assertThat(fixture.get(app.adminPort(), "/health/ready").statusCode()).isEqualTo(200);
    assertThat(counter(app, "vigil.sink.records.undecodable", SinkApplication.POSTGRES))
        .isEqualTo(1);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(fixture.get(app.adminPort(), "/metrics").body())
                    .contains("vigil_sink_writes_total{")
                    .containsPattern(
                        "kafka_consumer_fetch_manager_records_lag\\{[^}]*partition=\"0\"[^}]*"
                            + "target=\"postgres\""));
  }

  @Test
  void shouldStillHoldEachAnomalyOnceAfterARestartThatRedeliversEverything() throws Exception {
    List<Anomaly> anomalies = anomalies();
    SinkApplication first = start();
    fixture.send(anomalies);
    fixture.send(anomalies.subList(0, 10));
    awaitAllCommitted();
    first.close();

    // Both groups start again from offset 0 once the closed consumers have left them.
    await().atMost(WAIT).ignoreExceptions().until(() -> rewound(fixture.postgresGroup()));
    await().atMost(WAIT).ignoreExceptions().until(() -> rewound(fixture.redisGroup()));
    SinkApplication second = start();

    int delivered = anomalies.size() + 10;
    await()
        .atMost(WAIT)
        .until(
            () ->
                counter(second, "vigil.sink.anomalies.written", SinkApplication.POSTGRES)
                        == delivered
                    && counter(second, "vigil.sink.anomalies.written", SinkApplication.REDIS)
                        == delivered);
    awaitAllCommitted();
    assertThat(fixture.rows()).isEqualTo(anomalies.size());
    assertThat(fixture.ids()).isEqualTo(ids(anomalies));
    assertLatestPerKey(anomalies);
  }

  @Test
  void shouldStartTwoSinksAtOnceOnAFreshSchema() throws Exception {
    assertThat(fixture.tableExists()).isFalse();
    CompletableFuture<SinkApplication> one = CompletableFuture.supplyAsync(this::startUntracked);
    CompletableFuture<SinkApplication> two = CompletableFuture.supplyAsync(this::startUntracked);
    fixture.track(one.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    fixture.track(two.get(WAIT.toSeconds(), TimeUnit.SECONDS));

    long migrations =
        fixture.query(
            "SELECT count(*) FROM "
                + fixture.schema()
                + ".flyway_schema_history WHERE version = '1' AND success",
            rs -> rs.next() ? rs.getLong(1) : -1L);
    assertThat(migrations).isEqualTo(1);
    List<Anomaly> anomalies = anomalies();
    fixture.send(anomalies);
    awaitAllCommitted();
    assertThat(fixture.rows()).isEqualTo(anomalies.size());
    assertLatestPerKey(anomalies);
    for (SinkApplication app : fixture.apps()) {
      assertThat(fixture.get(app.adminPort(), "/health/ready").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void shouldKeepWritingToPostgresWhileRedisIsDownAndCatchUpAfterwards() {
    List<Anomaly> anomalies = anomalies();
    stack.redis().stop();
    try {
      SinkApplication app = start();
      fixture.send(anomalies);

      await().atMost(WAIT).until(() -> fixture.lag(fixture.postgresGroup()) == 0);
      assertThat(fixture.rows()).isEqualTo(anomalies.size());
      assertThat(fixture.lag(fixture.redisGroup())).isEqualTo(anomalies.size());
      await()
          .atMost(WAIT)
          .until(() -> app.loops().get(SinkApplication.REDIS).state() == LoopState.RETRYING);
      assertThat(fixture.get(app.adminPort(), "/health/ready").statusCode()).isEqualTo(503);
    } finally {
      stack.redis().restart();
    }

    await().atMost(WAIT).until(() -> fixture.lag(fixture.redisGroup()) == 0);
    assertLatestPerKey(anomalies);
  }

  private SinkApplication start() {
    SinkApplication app = startUntracked();
    fixture.track(app);
    return app;
  }

  private SinkApplication startUntracked() {
    return SinkApplication.start(fixture.config(), Clock.systemUTC());
  }

  private boolean rewound(String group) throws Exception {
    fixture.rewind(group);
    return true;
  }

  private void awaitAllCommitted() {
    await()
        .atMost(WAIT)
        .until(
            () ->
                fixture.lag(fixture.postgresGroup()) == 0
                    && fixture.lag(fixture.redisGroup()) == 0);
  }

  private void assertLatestPerKey(List<Anomaly> anomalies) {
    Map<String, Anomaly> newest =
        anomalies.stream()
            .collect(
                Collectors.toMap(
                    Anomaly::key,
                    Function.identity(),
                    (a, b) -> a.timestamp().isAfter(b.timestamp()) ? a : b));
    newest.forEach((key, anomaly) -> assertThat(fixture.latest(key)).contains(anomaly));
    assertThat(fixture.redis().sync().hkeys(fixture.keys().latestIndex()))
        .containsExactlyInAnyOrderElementsOf(newest.keySet());
  }

  private static double counter(SinkApplication app, String name, String target) {
    return app.metrics().registry().get(name).tag("target", target).counter().count();
  }

  /** {@value #KEYS} keys with {@value #PER_KEY} anomalies each, a second apart. */
  private static List<Anomaly> anomalies() {
    List<Anomaly> anomalies = new ArrayList<>();
    for (int k = 0; k < KEYS; k++) {
      for (int i = 0; i < PER_KEY; i++) {
        anomalies.add(anomaly("host-" + k + "/cpu", i));
      }
    }
    return anomalies;
  }

  /** The same anomalies in a fixed random order, so the newest of a key is rarely sent last. */
  private static List<Anomaly> shuffled(List<Anomaly> anomalies) {
    List<Anomaly> copy = new ArrayList<>(anomalies);
    Collections.shuffle(copy, new Random(42));
    assertThat(copy)
        .isNotEqualTo(anomalies.stream().sorted(Comparator.comparing(Anomaly::timestamp)).toList());
    return copy;
  }

  private static Set<String> ids(List<Anomaly> anomalies) {
    return anomalies.stream().map(Anomaly::id).collect(Collectors.toSet());
  }
}
