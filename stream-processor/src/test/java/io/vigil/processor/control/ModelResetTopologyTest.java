package io.vigil.processor.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.processor.TestDrivers;
import io.vigil.processor.TestEvents;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operator resets of a key's or a pattern's models, through the whole topology. */
class ModelResetTopologyTest {
  private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
  private static final int WARMUP = 200;

  @TempDir Path stateDir;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> events;
  private TestInputTopic<String, String> resets;
  private TestOutputTopic<String, Anomaly> anomalies;

  @BeforeEach
  void startDriver() {
    driver =
        TestDrivers.create(
            stateDir,
            Clock.fixed(START.plusSeconds(86_400), ZoneOffset.UTC),
            START,
            registry,
            Map.of(
                "vigil.processor.detector",
                "ewma",
                "vigil.processor.suppression",
                "0s",
                "vigil.processor.warmup",
                Integer.toString(WARMUP)));
    events = driver.createInputTopic("events", new StringSerializer(), new ByteArraySerializer());
    resets =
        driver.createInputTopic("model-resets", new StringSerializer(), new StringSerializer());
    anomalies =
        driver.createOutputTopic(
            "anomalies", new StringDeserializer(), JsonSerde.of(Anomaly.class).deserializer());
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void shouldRegisterTheOperatorResetsAtZero() {
    assertThat(operatorResets()).isZero();
  }

  @Test
  void shouldResetOneKeysModelSoItWarmsUpAgainAndLeaveTheOthers() {
    List<byte[]> a = TestEvents.seriesWithSpike("a", START, WARMUP, 0);
    a.subList(0, WARMUP).forEach(e -> events.pipeInput("a", e));
    TestEvents.seriesWithSpike("b", START, 10, 0).forEach(e -> events.pipeInput("b", e));

    resets.pipeInput("a", "{\"pattern\":\"a\",\"by\":\"alice\"}");

    assertThat(TestDrivers.record(driver, "a")).isNull();
    assertThat(TestDrivers.record(driver, "b")).isNotNull();
    assertThat(operatorResets()).isEqualTo(1);
    // Without the reset this spike would alert: the key has had its warm-up.
    events.pipeInput("a", a.get(WARMUP));
    assertThat(anomalies.isEmpty()).isTrue();
    assertThat(TestDrivers.record(driver, "a").state().observations()).isEqualTo(1);
  }

  @Test
  void shouldResetEveryKeyMatchingAPatternOnce() {
    for (String key : List.of("host-1/cpu", "host-2/cpu", "db-1/cpu")) {
      TestEvents.seriesWithSpike(key, START, 5, 0).forEach(e -> events.pipeInput(key, e));
    }

    resets.pipeInput("host-*", "{\"pattern\":\"host-*\",\"by\":\"alice\"}");

    assertThat(TestDrivers.record(driver, "host-1/cpu")).isNull();
    assertThat(TestDrivers.record(driver, "host-2/cpu")).isNull();
    assertThat(TestDrivers.record(driver, "db-1/cpu")).isNotNull();
    assertThat(operatorResets()).isEqualTo(2);
    assertThat(requests("applied")).isEqualTo(1);
  }

  @Test
  void shouldRejectAnInvalidRequestAndResetNothing() {
    TestEvents.seriesWithSpike("a", START, 5, 0).forEach(e -> events.pipeInput("a", e));

    resets.pipeInput("b", "{\"pattern\":\"a\",\"by\":\"alice\"}");
    resets.pipeInput("a", "{\"pattern\":\"a\"}");
    driver
        .createInputTopic("model-resets", new StringSerializer(), new ByteArraySerializer())
        .pipeInput("a", "not json".getBytes(StandardCharsets.UTF_8));

    assertThat(TestDrivers.record(driver, "a")).isNotNull();
    assertThat(requests("rejected")).isEqualTo(3);
    assertThat(operatorResets()).isZero();
  }

  private double operatorResets() {
    return registry.get("vigil.processor.model.resets").tag("reason", "operator").counter().count();
  }

  private double requests(String outcome) {
    return registry.get("vigil.processor.reset.requests").tag("outcome", outcome).counter().count();
  }
}
