package io.vigil.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.schemas.MessageSchema;
import io.vigil.schemas.Samples;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.Expected;
import io.vigil.schemas.anomaly.Severity;
import io.vigil.schemas.anomaly.SourcePosition;
import io.vigil.schemas.config.AlertRules;
import io.vigil.schemas.config.DetectorConfig;
import io.vigil.schemas.config.MaintenanceWindows;
import io.vigil.schemas.config.SeverityBands;
import io.vigil.schemas.config.SilenceRule;
import io.vigil.schemas.event.Event;
import io.vigil.schemas.event.ParseResult;
import io.vigil.schemas.feedback.Feedback;
import io.vigil.schemas.feedback.Label;
import io.vigil.schemas.score.Score;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every record through its JsonSerde and back, and through its validating parser. */
class RoundTripTest {
  private static final Instant T = Instant.parse("2024-05-01T12:00:00.123456789Z");
  private static final Instant DETECTED = Instant.parse("2024-05-01T12:00:01Z");

  static Stream<Arguments> records() {
    return Stream.of(
        Arguments.of(MessageSchema.EVENT, Event.univariate("host-1/cpu", T, 0.5)),
        Arguments.of(
            MessageSchema.EVENT,
            new Event(
                "k", T, null, Map.of("a", 1.0, "b", -2.0), "id-1", Map.of("env", "prod", "x", ""))),
        Arguments.of(
            MessageSchema.ANOMALY,
            new Anomaly(
                "id",
                "k",
                T,
                DETECTED,
                0.97,
                Severity.HIGH,
                "rcf",
                3,
                Map.of("a", 1.0),
                Map.of("a", new Expected(0.5, 0.1, 0.9)),
                Map.of("a", 1.0),
                new SourcePosition("events", 2, 99L),
                Map.of("env", "prod"),
                "value 1 is outside the expected band [0.1, 0.9] around 0.5")),
        Arguments.of(
            MessageSchema.ANOMALY,
            new Anomaly(
                "id",
                "k",
                T,
                DETECTED,
                0.0,
                Severity.LOW,
                "ewma",
                0,
                null,
                null,
                null,
                null,
                null,
                null)),
        Arguments.of(
            MessageSchema.SCORE,
            new Score(
                "k",
                T,
                DETECTED,
                0.25,
                -1.5,
                "ewma",
                false,
                Map.of("value", 3.0),
                Map.of("value", new Expected(2.5, 1.0, 4.0)),
                new SourcePosition("events", 0, 0),
                true,
                false)),
        Arguments.of(
            MessageSchema.SCORE,
            new Score("k", T, DETECTED, 1.0, 9.0, "ewma", true, null, null, null, false, true)),
        Arguments.of(
            MessageSchema.DETECTOR_CONFIG,
            new DetectorConfig(
                "host-*/cpu",
                "rcf",
                0.95,
                128,
                Duration.ofMillis(90_500),
                Map.of("trees", 50.0),
                new SeverityBands(0.95, 0.99, 0.999),
                4)),
        Arguments.of(
            MessageSchema.DETECTOR_CONFIG,
            new DetectorConfig("*", "ewma", 0.5, 0, Duration.ZERO, null, null, 0)),
        Arguments.of(
            MessageSchema.DETECTOR_CONFIG,
            new DetectorConfig(
                "host-*",
                "ewma",
                0.9,
                5,
                Duration.ofMinutes(5),
                null,
                null,
                2,
                new AlertRules(
                    new AlertRules.Margin(2.0, null),
                    AlertRules.Direction.UP,
                    new AlertRules.ValueRange(0.0, 100.0),
                    AlertRules.OutOfRange.DEAD_LETTER,
                    Severity.MEDIUM,
                    Map.of(
                        "iowait",
                        new AlertRules.FeatureRules(
                            null,
                            AlertRules.Direction.BOTH,
                            new AlertRules.ValueRange(null, 1.0)))),
                new MaintenanceWindows(
                    MaintenanceWindows.Action.TAG,
                    true,
                    List.of(
                        new MaintenanceWindows.Window(
                            Instant.parse("2026-12-01T10:00:00Z"),
                            Instant.parse("2026-12-01T11:30:00Z"),
                            null,
                            null,
                            null),
                        new MaintenanceWindows.Window(
                            null, null, "0 10 * * TUE", Duration.ofHours(1), "Europe/Berlin"))),
                new SilenceRule(5.0, 20))),
        Arguments.of(
            MessageSchema.FEEDBACK,
            new Feedback("id", "k", Label.FALSE_POSITIVE, "alice", DETECTED, "noise")),
        Arguments.of(
            MessageSchema.FEEDBACK,
            new Feedback("id", "k", Label.CONFIRMED, "bot", DETECTED, null)));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  @ParameterizedTest(name = "{1}")
  @MethodSource("records")
  void shouldRoundTripThroughItsSerde(MessageSchema schema, Object record) {
    JsonSerde serde = JsonSerde.of(record.getClass());

    byte[] bytes = serde.serializer().serialize("topic", record);

    assertThat(serde.deserializer().deserialize("topic", bytes)).isEqualTo(record);
    assertThat(serde.fromBytes(serde.toBytes(record))).isEqualTo(record);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  @ParameterizedTest(name = "{1}")
  @MethodSource("records")
  void shouldWriteWhatItsParserAccepts(MessageSchema schema, Object record) {
    byte[] bytes = ((JsonSerde) JsonSerde.of(record.getClass())).toBytes(record);

    ParseResult<?> result = Samples.parser(schema).parse(bytes);

    assertThat(result).isEqualTo(ParseResult.accepted(record));
  }

  @Test
  void shouldMapNullToNullForTombstones() {
    JsonSerde<DetectorConfig> serde = JsonSerde.of(DetectorConfig.class);

    assertThat(serde.serializer().serialize("detector-config", null)).isNull();
    assertThat(serde.deserializer().deserialize("detector-config", null)).isNull();
  }

  @Test
  void shouldTolerateUnknownFields() {
    byte[] json =
        "{\"anomalyId\":\"a\",\"key\":\"k\",\"label\":\"confirmed\",\"by\":\"b\",\"at\":\"2024-05-01T12:00:00Z\",\"future\":{\"x\":[1]}}"
            .getBytes(StandardCharsets.UTF_8);

    Feedback feedback = JsonSerde.of(Feedback.class).fromBytes(json);

    assertThat(feedback.label()).isEqualTo(Label.CONFIRMED);
  }

  @Test
  void shouldWriteWireNamesAndIsoDurations() {
    String config =
        new String(
            JsonSerde.of(DetectorConfig.class)
                .toBytes(
                    new DetectorConfig("*", "ewma", 0.5, 0, Duration.ofMinutes(5), null, null, 1)),
            StandardCharsets.UTF_8);
    String feedback =
        new String(
            JsonSerde.of(Feedback.class)
                .toBytes(new Feedback("a", "k", Label.FALSE_POSITIVE, "b", DETECTED, null)),
            StandardCharsets.UTF_8);

    assertThat(config).contains("\"suppression\":\"PT5M\"").doesNotContain("parameters");
    assertThat(feedback).contains("\"label\":\"false_positive\"").doesNotContain("comment");
  }

  @Test
  void shouldReadIntegerTimestampsAndDurationsAsMilliseconds() {
    byte[] event =
        "{\"key\":\"k\",\"timestamp\":1714564800000,\"value\":1}".getBytes(StandardCharsets.UTF_8);
    byte[] config =
        "{\"pattern\":\"*\",\"detector\":\"ewma\",\"threshold\":0.5,\"warmup\":0,\"suppression\":1500,\"version\":1}"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(JsonSerde.of(Event.class).fromBytes(event).timestamp())
        .isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
    assertThat(JsonSerde.of(DetectorConfig.class).fromBytes(config).suppression())
        .isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void shouldExplainWhatItCannotRead() {
    byte[] json =
        "{\"key\":\"k\",\"timestamp\":\"2024-05-01T12:00:00Z\",\"detectedAt\":\"2024-05-01T12:00:00Z\",\"score\":2,\"rawScore\":0,\"detector\":\"ewma\",\"anomalous\":true}"
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> JsonSerde.of(Score.class).fromBytes(json))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("cannot read Score")
        .hasMessageContaining("/score: must be in [0,1], was 2.0");
  }
}
