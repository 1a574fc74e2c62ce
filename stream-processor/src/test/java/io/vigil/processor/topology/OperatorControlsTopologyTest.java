package io.vigil.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.processor.TestDrivers;
import io.vigil.processor.TestEvents;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.Severity;
import io.vigil.schemas.deadletter.DeadLetter;
import io.vigil.schemas.event.Event;
import io.vigil.schemas.serde.JsonSerde;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code rules} and {@code maintenance} windows of a detector config, through the topology. */
class OperatorControlsTopologyTest {
  private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant NOW = Instant.parse("2026-03-02T00:00:00Z");
  private static final int WARMUP = 200;

  @TempDir Path stateDir;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> events;
  private TestInputTopic<String, String> configs;
  private TestOutputTopic<String, Anomaly> anomalies;
  private TestOutputTopic<String, byte[]> deadLetters;

  @BeforeEach
  void startDriver() {
    driver =
        TestDrivers.create(
            stateDir,
            Clock.fixed(NOW, ZoneOffset.UTC),
            START,
            registry,
            Map.of("vigil.processor.detector", "ewma", "vigil.processor.suppression", "0s"));
    events = driver.createInputTopic("events", new StringSerializer(), new ByteArraySerializer());
    configs =
        driver.createInputTopic("detector-config", new StringSerializer(), new StringSerializer());
    anomalies =
        driver.createOutputTopic(
            "anomalies", new StringDeserializer(), JsonSerde.of(Anomaly.class).deserializer());
    deadLetters =
        driver.createOutputTopic(
            "events-dlq", new StringDeserializer(), new ByteArrayDeserializer());
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void shouldRegisterEverySuppressionReasonAtZero() {
    for (String reason : List.of("repeat", "margin", "direction", "severity", "maintenance")) {
      assertThat(suppressed(reason)).as(reason).isZero();
    }
  }

  @Test
  void shouldCountADipAsSuppressedByDirectionAndEmitTheSpikeOfAnUpOnlyKey() {
    configs.pipeInput("*", config("{\"direction\":\"up\"}"));
    List<byte[]> series = TestEvents.seriesWithSpike("a", START, WARMUP, 0);
    series.subList(0, WARMUP).forEach(e -> events.pipeInput("a", e));
    double dip = TestEvents.MEAN - 20 * TestEvents.SIGMA;
    events.pipeInput("a", TestEvents.json("a", START.plusSeconds(WARMUP), dip, "dip"));
    events.pipeInput(
        "a", TestEvents.json("a", START.plusSeconds(WARMUP + 1), TestEvents.SPIKE, "spike"));

    assertThat(anomalies.readValuesToList())
        .extracting(Anomaly::values)
        .containsExactly(Map.of("value", TestEvents.SPIKE));
    assertThat(suppressed("direction")).isEqualTo(1);
    assertThat(suppressed("repeat")).isZero();
  }

  @Test
  void shouldCountASpikeWithinTheAbsoluteMarginAsSuppressedByMargin() {
    // The spike is 40 above the mean: an anomaly for the model, a wobble for the operator.
    configs.pipeInput("*", config("{\"margin\":{\"absolute\":50}}"));
    TestEvents.seriesWithSpike("a", START, WARMUP, 0).forEach(e -> events.pipeInput("a", e));

    assertThat(anomalies.isEmpty()).isTrue();
    assertThat(suppressed("margin")).isEqualTo(1);
  }

  @Test
  void shouldDeadLetterAValueOutsideItsRangeAndKeepTheKeysModel() {
    configs.pipeInput(
        "*", config("{\"range\":{\"min\":0,\"max\":100},\"outOfRange\":\"dead_letter\"}"));
    TestEvents.seriesWithSpike("a", START, 10, 0).subList(0, 10).forEach(e -> events.pipeInput(e));
    long observations = TestDrivers.record(driver, "a").state().observations();

    events.pipeInput("a", TestEvents.json("a", START.plusSeconds(10), 150.0, "broken"));

    TestRecord<String, byte[]> letter = deadLetters.readRecord();
    assertThat(letter.key()).isEqualTo("a");
    DeadLetter why = DeadLetter.readFrom(letter.headers());
    assertThat(why.stage()).isEqualTo("processor.score");
    assertThat(why.reason()).isEqualTo("feature 'value' = 150.0 is above its range maximum 100.0");
    assertThat(why.sourceOffset()).isEqualTo(10);
    Event original = JsonSerde.of(Event.class).fromBytes(letter.value());
    assertThat(original.value()).isEqualTo(150.0);
    assertThat(original.id()).isEqualTo("broken");
    assertThat(TestDrivers.record(driver, "a").state().observations()).isEqualTo(observations);
    assertThat(anomalies.isEmpty()).isTrue();
    assertThat(
            registry
                .get("vigil.processor.dead.letters")
                .tag("stage", "processor.score")
                .tag("reason", "out_of_range")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void shouldMakeAValueOutsideItsRangeACriticalAnomalyEvenDuringWarmup() {
    configs.pipeInput("*", config("{\"range\":{\"max\":100}}"));
    TestEvents.seriesWithSpike("a", START, 10, 0).subList(0, 10).forEach(e -> events.pipeInput(e));

    events.pipeInput("a", TestEvents.json("a", START.plusSeconds(10), 100.5, "broken"));

    Anomaly anomaly = anomalies.readValue();
    assertThat(anomaly.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(anomaly.score()).isEqualTo(1.0);
    assertThat(anomaly.explanation()).contains("above its range maximum 100.0");
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void shouldApplyTheRulesOfTheReadmeExample() {
    Map<String, String> example = ReadmeExamples.detectorConfigs(1);
    example.forEach(configs::pipeInput);
    String key = "host-3/cpu";
    events.pipeInput(key, TestEvents.json(key, START, 101.0, "over"));

    assertThat(example).containsOnlyKeys("host-*/cpu");
    assertThat(
            registry
                .get("vigil.processor.detector.configs")
                .tag("outcome", "applied")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(DeadLetter.readFrom(deadLetters.readRecord().headers()).reason())
        .contains("above its range maximum 100.0");
  }

  @Test
  void shouldCountASpikeInAMaintenanceWindowAsSuppressedByMaintenance() {
    Instant spike = TestEvents.spikeTime(START, WARMUP);
    configs.pipeInput("*", maintenance("suppress", spike));
    TestEvents.seriesWithSpike("a", START, WARMUP, 0).forEach(e -> events.pipeInput("a", e));

    assertThat(anomalies.isEmpty()).isTrue();
    assertThat(suppressed("maintenance")).isEqualTo(1);
  }

  @Test
  void shouldTagASpikeInAMaintenanceWindowWhenConfiguredToTag() {
    Instant spike = TestEvents.spikeTime(START, WARMUP);
    configs.pipeInput("*", maintenance("tag", spike));
    TestEvents.seriesWithSpike("a", START, WARMUP, 0).forEach(e -> events.pipeInput("a", e));

    Anomaly anomaly = anomalies.readValue();
    assertThat(anomaly.tags()).containsEntry("maintenance", "true").containsEntry("host", "h1");
    assertThat(suppressed("maintenance")).isZero();
  }

  /** A config whose one-off window is the second {@code at} starts. */
  private String maintenance(String action, Instant at) {
    return "{\"pattern\":\"*\",\"detector\":\"ewma\",\"threshold\":0.99999,\"warmup\":"
        + WARMUP
        + ",\"suppression\":\"PT0S\",\"version\":1,\"maintenance\":{\"action\":\""
        + action
        + "\",\"windows\":[{\"from\":\""
        + at
        + "\",\"to\":\""
        + at.plusSeconds(1)
        + "\"}]}}";
  }

  private String config(String rules) {
    return "{\"pattern\":\"*\",\"detector\":\"ewma\",\"threshold\":0.99999,\"warmup\":"
        + WARMUP
        + ",\"suppression\":\"PT0S\",\"version\":1,\"rules\":"
        + rules
        + "}";
  }

  private double suppressed(String reason) {
    return registry
        .get("vigil.processor.anomalies.suppressed")
        .tag("reason", reason)
        .counter()
        .count();
  }
}
