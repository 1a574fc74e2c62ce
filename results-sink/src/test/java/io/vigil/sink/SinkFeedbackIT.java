package io.vigil.sink;

import static io.vigil.sink.TestAnomalies.anomaly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.localstack.LocalStack;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.localstack.kafka.CommittedReader;
import io.vigil.runtime.config.Settings;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.deadletter.DeadLetter;
import io.vigil.schemas.feedback.Feedback;
import io.vigil.schemas.feedback.Label;
import io.vigil.schemas.serde.JsonSerde;
import io.vigil.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Feedback labels into PostgreSQL and the precision gauge they give, on the real stack. */
@WithLocalStack
class SinkFeedbackIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final JsonSerde<Feedback> FEEDBACK = JsonSerde.of(Feedback.class);

  private final LocalStack stack;
  private final SinkFixture fixture;

  SinkFeedbackIT(LocalStack stack) {
    this.stack = stack;
    this.fixture = new SinkFixture(stack);
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void shouldTurnLabelsIntoPrecisionDeadLetterBadOnesAndLetTheLatestLabelWin() {
    fixture.createTopic();
    Map<String, String> settings = fixture.settings();
    settings.put("vigil.sink.redis.enabled", "false");
    settings.put("vigil.sink.feedback.group", fixture.name() + "-feedback");
    settings.put("vigil.sink.feedback.refresh", "200ms");
    settings.put("vigil.sink.feedback.window", "3650d");
    SinkApplication app =
        fixture.track(
            SinkApplication.start(SinkConfig.from(Settings.of(settings)), Clock.systemUTC()));
    List<Anomaly> anomalies = List.of(anomaly("a", 1), anomaly("b", 2), anomaly("c", 3));
    fixture.send(anomalies);
    await().atMost(WAIT).until(() -> fixture.rows() == 3);
    String topic = Topics.withPrefix(fixture.name() + ".").feedback().name();
    Instant t = Instant.parse("2026-11-01T10:00:00Z");

    label(topic, anomalies.get(0), Label.CONFIRMED, t);
    label(topic, anomalies.get(1), Label.CONFIRMED, t);
    fixture.sendRaw(topic, "c", "{not json".getBytes(StandardCharsets.UTF_8));
    label(topic, anomalies.get(2), Label.FALSE_POSITIVE, t);
    label(topic, anomalies.get(0), Label.CONFIRMED, t); // a replay changes nothing

    await().atMost(WAIT).until(() -> precision(app, "ewma").equals(OptionalDouble.of(2.0 / 3)));

    // A later label replaces the earlier one; an older one arriving late does not.
    label(topic, anomalies.get(1), Label.FALSE_POSITIVE, t.plusSeconds(60));
    label(topic, anomalies.get(1), Label.CONFIRMED, t.minusSeconds(60));
    await().atMost(WAIT).until(() -> precision(app, "ewma").equals(OptionalDouble.of(1.0 / 3)));

    String dlq = Topics.withPrefix(fixture.name() + ".").feedbackDeadLetter().name();
    try (CommittedReader reader =
        new CommittedReader(stack.kafkaBootstrapServers(), dlq, SinkFixture.PARTITIONS)) {
      List<ConsumerRecord<String, byte[]>> dead =
          await().atMost(WAIT).until(reader::poll, records -> !records.isEmpty());
      assertThat(dead).hasSize(1);
      DeadLetter letter = DeadLetter.readFrom(dead.get(0).headers());
      assertThat(letter.stage()).isEqualTo("sink.decode");
      assertThat(letter.sourceTopic()).isEqualTo(topic);
      assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
    }
  }

  private void label(String topic, Anomaly anomaly, Label label, Instant at) {
    fixture.sendRaw(
        topic,
        anomaly.key(),
        FEEDBACK.toBytes(new Feedback(anomaly.id(), anomaly.key(), label, "oncall", at, null)));
  }

  /** The detector's precision as the sink's /metrics shows it; empty while there is none. */
  private OptionalDouble precision(SinkApplication app, String detector) {
    return fixture
        .get(app.adminPort(), "/metrics")
        .body()
        .lines()
        .filter(
            line ->
                line.startsWith("vigil_detector_precision{")
                    && line.contains("detector=\"" + detector + "\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst();
  }
}
