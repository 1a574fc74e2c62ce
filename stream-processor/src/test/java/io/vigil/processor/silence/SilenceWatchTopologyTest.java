package io.vigil.processor.silence;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.processor.TestDrivers;
import io.vigil.processor.TestEvents;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.Severity;
import io.vigil.schemas.anomaly.SourcePosition;
import io.vigil.schemas.serde.JsonSerde;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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

/**
 * Silent series through the topology, on event time: the wall clock never moves unless a test says
 * so, as in a backtest that scores a day of events in seconds.
 */
class SilenceWatchTopologyTest {
  private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

  /** One event a minute is the usual interval; silence after 3 of them. */
  private static final Duration GAP = Duration.ofMinutes(1);

  /** A key with the rule that never stops: it moves the task's event time on. */
  private static final String BEAT = "q-beat";

  @TempDir Path stateDir;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> events;
  private TestOutputTopic<String, Anomaly> anomalies;
  private long offset;

  @BeforeEach
  void startDriver() {
    driver =
        TestDrivers.create(
            stateDir,
            Clock.fixed(START.plus(Duration.ofDays(1)), ZoneOffset.UTC),
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

  /** One event of each key at minute {@code minute}; returns the offset of the first one. */
  private long at(int minute, List<String> keys) {
    long first = offset;
    for (String key : keys) {
      Instant time = START.plus(GAP.multipliedBy(minute));
      events.pipeInput(key, TestEvents.json(key, time, 50.0, key + "-" + minute));
      offset++;
    }
    return first;
  }

  /** Events of {@code keys} at every minute of {@code [from, to)}. */
  private long report(int from, int to, List<String> keys) {
    long last = -1;
    for (int minute = from; minute < to; minute++) {
      last = at(minute, keys);
    }
    return last;
  }

  @Test
  void shouldRaiseOneSilenceAnomalyWhenARegularKeyStopsAndAnotherOnlyAfterItResumes() {
    long lastOffset = report(0, 10, List.of("q-1", BEAT));
    Instant lastEvent = START.plus(GAP.multipliedBy(9));

    report(10, 13, List.of(BEAT));
    assertThat(anomalies.isEmpty()).as("silent for 3 usual intervals, not more").isTrue();
    at(13, List.of(BEAT));
    Anomaly silence = anomalies.readValue();
    assertThat(silence.detector()).isEqualTo("silence");
    assertThat(silence.key()).isEqualTo("q-1");
    assertThat(silence.timestamp()).isEqualTo(lastEvent);
    assertThat(silence.severity()).isEqualTo(Severity.HIGH);
    assertThat(silence.source()).isEqualTo(new SourcePosition("events", 0, lastOffset));
    assertThat(silence.explanation())
        .contains("no event for PT4M of event time", "usually one every PT1M")
        .contains("last event at " + lastEvent);
    report(14, 60, List.of(BEAT));
    assertThat(anomalies.isEmpty()).as("once per silence, while it stays silent").isTrue();

    // It resumes once; its usual interval has grown with the long gap, and it goes silent again.
    at(60, List.of("q-1"));
    report(61, 120, List.of(BEAT));
    Anomaly again = anomalies.readValue();
    assertThat(again.timestamp()).isEqualTo(START.plus(GAP.multipliedBy(60)));
    assertThat(anomalies.isEmpty()).isTrue();
  }

  @Test
  void shouldJudgeSilenceOnEventTimeWhateverTheWallClockDoes() {
    report(0, 10, List.of("q-1", BEAT));

    driver.advanceWallClockTime(Duration.ofDays(1));
    assertThat(anomalies.isEmpty()).as("no event moved event time on").isTrue();

    report(10, 14, List.of(BEAT));
    assertThat(anomalies.readValue().key()).isEqualTo("q-1");
  }

  @Test
  void shouldNotRaiseSilenceForAKeyTooNewOrWithoutARule() {
    report(0, 3, List.of("q-2"));
    report(0, 10, List.of("other"));

    report(10, 120, List.of(BEAT));

    assertThat(anomalies.isEmpty()).isTrue();
  }

  @Test
  void shouldNotRaiseSilenceWhileTheKeyKeepsReporting() {
    report(0, 30, List.of("q-3", BEAT));

    assertThat(anomalies.isEmpty()).isTrue();
  }
}
