package io.vigil.processor.silence;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.processor.TestDrivers;
import io.vigil.processor.TestEvents;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.Severity;
import io.vigil.schemas.serde.JsonSerde;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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

/** Silent series through the topology, on the driver's wall clock. */
class SilenceWatchTopologyTest {
  private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

  /** One event a minute is the usual interval; silence after 3 of them. */
  private static final Duration GAP = Duration.ofMinutes(1);

  @TempDir Path stateDir;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> events;
  private TestOutputTopic<String, Anomaly> anomalies;
  private int sent;

  @BeforeEach
  void startDriver() {
    driver =
        TestDrivers.create(
            stateDir,
            Clock.fixed(START, ZoneOffset.UTC),
            START,
            registry,
            Map.of("vigil.processor.detector", "ewma", "vigil.processor.suppression", "0s"));
    events = driver.createInputTopic("events", new StringSerializer(), new ByteArraySerializer());
    anomalies =
        driver.createOutputTopic(
            "anomalies", new StringDeserializer(), JsonSerde.of(Anomaly.class).deserializer());
    driver
        .createInputTopic("detector-config", new StringSerializer(), new StringSerializer())
        .pipeInput(
            "q-*",
            "{\"pattern\":\"q-*\",\"detector\":\"ewma\",\"threshold\":0.99999,\"warmup\":50,"
                + "\"suppression\":\"PT0S\",\"version\":1,"
                + "\"silence\":{\"after\":3,\"minEvents\":5}}");
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  /** {@code count} events of {@code key}, one a minute in event time and on the wall clock. */
  private void report(String key, int count) {
    for (int i = 0; i < count; i++) {
      Instant time = START.plus(GAP.multipliedBy(sent++));
      events.pipeInput(key, TestEvents.json(key, time, 50.0, key + "-" + sent));
      driver.advanceWallClockTime(GAP);
    }
  }

  @Test
  void shouldRaiseOneSilenceAnomalyWhenARegularKeyStopsAndAnotherOnlyAfterItResumes() {
    report("q-1", 10);
    Instant lastEvent = START.plus(GAP.multipliedBy(9));

    // report() left the wall clock a minute past the last event.
    driver.advanceWallClockTime(Duration.ofSeconds(110));
    assertThat(anomalies.isEmpty()).as("silent for less than 3 usual intervals").isTrue();
    driver.advanceWallClockTime(Duration.ofSeconds(20));
    Anomaly silence = anomalies.readValue();
    assertThat(silence.detector()).isEqualTo("silence");
    assertThat(silence.key()).isEqualTo("q-1");
    assertThat(silence.timestamp()).isEqualTo(lastEvent);
    assertThat(silence.severity()).isEqualTo(Severity.HIGH);
    assertThat(silence.explanation())
        .contains("usually one every PT1M", "last event at " + lastEvent);
    driver.advanceWallClockTime(Duration.ofHours(1));
    assertThat(anomalies.isEmpty()).as("once per silence").isTrue();

    report("q-1", 1);
    driver.advanceWallClockTime(Duration.ofMinutes(10));
    assertThat(anomalies.readValue().timestamp()).isAfter(lastEvent);
    assertThat(anomalies.isEmpty()).isTrue();
  }

  @Test
  void shouldNotRaiseSilenceForAKeyTooNewOrWithoutARule() {
    report("q-2", 3);
    report("other", 10);

    driver.advanceWallClockTime(Duration.ofHours(1));

    assertThat(anomalies.isEmpty()).isTrue();
  }

  @Test
  void shouldNotRaiseSilenceWhileTheKeyKeepsReporting() {
    report("q-3", 30);

    assertThat(anomalies.isEmpty()).isTrue();
  }
}
