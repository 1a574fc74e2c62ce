package io.vigil.sink;

import static io.vigil.sink.TestAnomalies.anomaly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.vigil.localstack.LocalStack;
import io.vigil.localstack.ServerNode;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.localstack.kafka.CommittedReader;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.deadletter.DeadLetter;
import io.vigil.schemas.deadletter.DeadLetterLimit;
import io.vigil.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Outages of one target while anomalies keep arriving, and records that can never be written. */
@WithLocalStack
class SinkOutageIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Duration OUTAGE = Duration.ofSeconds(30);
  private static final int KEYS = 5;

  private final LocalStack stack;
  private final SinkFixture fixture;

  SinkOutageIT(LocalStack stack) {
    this.stack = stack;
    this.fixture = new SinkFixture(stack);
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {SinkApplication.POSTGRES, SinkApplication.REDIS})
  void shouldPauseTheTargetWhileItIsDownAndStoreEveryAnomalyOnceAfterwards(String down) {
    String up =
        down.equals(SinkApplication.POSTGRES) ? SinkApplication.REDIS : SinkApplication.POSTGRES;
    ServerNode node = down.equals(SinkApplication.POSTGRES) ? stack.postgres() : stack.redis();
    fixture.createTopic();
    SinkApplication app = start();
    List<Anomaly> sent = new ArrayList<>(produce(0, 20));
    await().atMost(WAIT).until(() -> fixture.rows() == sent.size());

    node.stop();
    AtomicBoolean opened = new AtomicBoolean();
    try {
      // Real elapsed time with anomalies arriving all along; the other target keeps up meanwhile.
      await()
          .during(OUTAGE)
          .atMost(OUTAGE.plusSeconds(30))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                sent.addAll(produce(sent.size(), 2));
                opened.compareAndSet(false, breaker(app, down) == CircuitBreaker.State.OPEN);
                return app.loops().get(down).state() != io.vigil.sink.consume.LoopState.FAILED;
              });
      assertThat(opened).as("breaker of %s opened", down).isTrue();
      await().atMost(WAIT).until(() -> storedIn(up, sent));
      // Open most of the time; half-open only for the instant of a failing probe.
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                assertThat(fixture.get(app.adminPort(), "/health/ready").body())
                    .contains("circuit breaker OPEN");
                assertThat(fixture.get(app.adminPort(), "/metrics").body())
                    .containsPattern(
                        "resilience4j_circuitbreaker_state\\{[^}]*name=\""
                            + down
                            + "\"[^}]*state=\"open\"[^}]*} 1.0");
              });
    } finally {
      node.restart();
    }

    await().atMost(WAIT).until(() -> storedIn(down, sent) && storedIn(up, sent));
    assertThat(fixture.rows()).isEqualTo(sent.size());
    assertThat(fixture.ids()).isEqualTo(sent.stream().map(Anomaly::id).collect(Collectors.toSet()));
    await().atMost(WAIT).until(() -> breaker(app, down) == CircuitBreaker.State.CLOSED);
  }

  @Test
  void shouldSendPoisonRecordsToTheDeadLetterTopicAndWriteTheRecordsAfterThem() throws Exception {
    fixture.createTopic();
    SinkApplication app = start();
    List<Anomaly> sent = new ArrayList<>(produce(0, 1));
    await().atMost(WAIT).until(() -> fixture.rows() == 1);
    // A real constraint of the real server refuses this one anomaly, whatever the batch.
    fixture.execute(
        "ALTER TABLE "
            + fixture.schema()
            + ".anomalies ADD CONSTRAINT no_poison CHECK (detected_at > event_time"
            + " OR key <> 'poison/cpu')");
    Anomaly base = anomaly("poison/cpu", TestAnomalies.T0.plusSeconds(5));
    Anomaly poison =
        new Anomaly(
            base.id(),
            base.key(),
            base.timestamp(),
            base.timestamp().minusSeconds(1),
            base.score(),
            base.severity(),
            base.detector(),
            base.modelVersion(),
            base.values(),
            base.expected(),
            base.attribution(),
            base.source(),
            base.tags(),
            base.explanation());
    byte[] undecodable = "{\"id\": 7}".getBytes(StandardCharsets.UTF_8);
    fixture.sendRaw("poison/cpu", TestAnomalies.bytes(anomaly("poison/cpu", 1)));
    fixture.sendRaw("poison/cpu", TestAnomalies.bytes(poison));
    fixture.sendRaw("poison/cpu", undecodable);
    // Just under the producer's max.request.size: with the dead-letter headers it is over.
    byte[] huge = new byte[DeadLetterLimit.DEFAULT_MAX_REQUEST_SIZE - 200];
    java.util.Arrays.fill(huge, (byte) '{');
    fixture.sendRaw("poison/cpu", huge);
    fixture.sendRaw("poison/cpu", TestAnomalies.bytes(anomaly("poison/cpu", 9)));
    sent.add(anomaly("poison/cpu", 1));
    sent.add(anomaly("poison/cpu", 9));

    await().atMost(WAIT).until(() -> fixture.rows() == sent.size());
    assertThat(fixture.ids()).isEqualTo(sent.stream().map(Anomaly::id).collect(Collectors.toSet()));
    await().atMost(WAIT).until(() -> fixture.lag(fixture.postgresGroup()) == 0);
    String dlq = Topics.withPrefix(fixture.name() + ".").anomaliesDeadLetter().name();
    try (CommittedReader reader =
        new CommittedReader(stack.kafkaBootstrapServers(), dlq, SinkFixture.PARTITIONS)) {
      List<ConsumerRecord<String, byte[]>> dead =
          await().atMost(WAIT).until(reader::poll, records -> records.size() >= 3);
      Map<String, DeadLetter> byStage =
          dead.stream()
              .map(r -> DeadLetter.readFrom(r.headers()))
              .collect(Collectors.toMap(DeadLetter::stage, l -> l, (a, b) -> a));
      assertThat(byStage.keySet()).isEqualTo(Set.of("sink.postgres", "sink.decode"));
      assertThat(byStage.get("sink.postgres").reason()).contains("no_poison");
      assertThat(byStage.get("sink.postgres").sourceTopic()).isEqualTo(fixture.topic().name());
      assertThat(dead)
          .anySatisfy(r -> assertThat(r.value()).isEqualTo(TestAnomalies.bytes(poison)))
          .anySatisfy(r -> assertThat(r.value()).isEqualTo(undecodable))
          .anySatisfy(
              r -> {
                assertThat(DeadLetterLimit.isStub(r.headers())).isTrue();
                assertThat(r.key()).isEqualTo("poison/cpu");
                assertThat(r.value()).isEmpty();
                assertThat(r.headers().lastHeader(DeadLetterLimit.ORIGINAL_SIZE).value())
                    .asString(StandardCharsets.UTF_8)
                    .isEqualTo(Integer.toString(huge.length));
              })
          .hasSize(3);
    }
    assertThat(
            app.metrics()
                .registry()
                .get("vigil.sink.records.dead.lettered")
                .tag("cause", "rejected")
                .counter()
                .count())
        .isEqualTo(1);
  }

  private boolean storedIn(String target, List<Anomaly> sent) {
    if (target.equals(SinkApplication.POSTGRES)) {
      return fixture.rows() == sent.size();
    }
    Map<String, Anomaly> newest =
        sent.stream()
            .collect(
                Collectors.toMap(
                    Anomaly::key, a -> a, (a, b) -> a.timestamp().isAfter(b.timestamp()) ? a : b));
    return newest.values().stream()
        .allMatch(a -> fixture.latest(a.key()).equals(java.util.Optional.of(a)));
  }

  private static CircuitBreaker.State breaker(SinkApplication app, String target) {
    return app.loops().get(target).breakerState();
  }

  /** {@code count} anomalies numbered from {@code from}, spread over {@value #KEYS} keys. */
  private List<Anomaly> produce(int from, int count) {
    List<Anomaly> anomalies = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      anomalies.add(anomaly("host-" + (i % KEYS) + "/cpu", i));
    }
    fixture.send(anomalies);
    return anomalies;
  }

  private SinkApplication start() {
    Map<String, String> settings = fixture.settings();
    settings.put("vigil.sink.breaker.open.duration", "2s");
    settings.put("vigil.sink.breaker.minimum.calls", "2");
    settings.put("vigil.sink.breaker.window", "4");
    settings.put("vigil.sink.redis.timeout", "500ms");
    settings.put("vigil.sink.jdbc.connect.timeout", "1s");
    SinkApplication app =
        SinkApplication.start(
            SinkConfig.from(io.vigil.runtime.config.Settings.of(settings)), Clock.systemUTC());
    fixture.track(app);
    return app;
  }
}
