package io.vigil.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.runtime.config.ConfigException;
import io.vigil.runtime.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GeneratorConfigTest {

  @Test
  void shouldUseTheDocumentedDefaults() {
    GeneratorConfig config = GeneratorConfig.from(Settings.of(Map.of()));

    assertThat(config)
        .isEqualTo(
            new GeneratorConfig(
                10,
                100,
                Duration.ZERO,
                0,
                100,
                Duration.ofDays(1),
                10,
                1,
                0.001,
                List.of(AnomalyKind.SPIKE),
                15,
                30,
                "series-",
                1,
                EventTimeMode.REAL,
                Optional.empty(),
                Duration.ofMinutes(1),
                Optional.empty(),
                List.of(),
                0));
    assertThat(config.bounded()).isFalse();
    assertThat(config).isEqualTo(GeneratorConfig.builder().build());
  }

  @Test
  void shouldReadEverySetting() {
    Settings settings =
        Settings.of(
            Map.ofEntries(
                Map.entry("vigil.generator.series", "5"),
                Map.entry("vigil.generator.rate", "250.5"),
                Map.entry("vigil.generator.duration", "10m"),
                Map.entry("vigil.generator.max.events", "1000"),
                Map.entry("vigil.generator.baseline", "-20"),
                Map.entry("vigil.generator.seasonality.period", "1h"),
                Map.entry("vigil.generator.seasonality.amplitude", "3"),
                Map.entry("vigil.generator.noise", "0.5"),
                Map.entry("vigil.generator.anomaly.rate", "0.01"),
                Map.entry("vigil.generator.anomaly.kinds", "level-shift, spike,FLATLINE"),
                Map.entry("vigil.generator.anomaly.magnitude", "7"),
                Map.entry("vigil.generator.anomaly.length", "12"),
                Map.entry("vigil.generator.key.prefix", "host-"),
                Map.entry("vigil.generator.seed", "-99"),
                Map.entry("vigil.generator.time.mode", "simulated"),
                Map.entry("vigil.generator.time.start", "2024-01-01T00:00:00Z"),
                Map.entry("vigil.generator.time.step", "30s"),
                Map.entry("vigil.generator.labels.file", "target/labels.ndjson")));

    GeneratorConfig config = GeneratorConfig.from(settings);

    assertThat(config)
        .isEqualTo(
            new GeneratorConfig(
                5,
                250.5,
                Duration.ofMinutes(10),
                1000,
                -20,
                Duration.ofHours(1),
                3,
                0.5,
                0.01,
                List.of(AnomalyKind.SPIKE, AnomalyKind.LEVEL_SHIFT, AnomalyKind.FLATLINE),
                7,
                12,
                "host-",
                -99,
                EventTimeMode.SIMULATED,
                Optional.of(Instant.parse("2024-01-01T00:00:00Z")),
                Duration.ofSeconds(30),
                Optional.of(Path.of("target/labels.ndjson")),
                List.of(),
                0));
    assertThat(config.bounded()).isTrue();
    assertThat(config.seriesKeys())
        .containsExactly("host-0", "host-1", "host-2", "host-3", "host-4");
  }

  @Test
  void shouldReportEveryInvalidSettingAtOnce() {
    Settings settings =
        Settings.of(
            Map.of(
                "vigil.generator.series", "0",
                "vigil.generator.rate", "fast",
                "vigil.generator.anomaly.rate", "1.5",
                "vigil.generator.anomaly.kinds", "spike,wobble",
                "vigil.generator.time.start", "yesterday",
                "vigil.generator.time.step", "0s",
                "vigil.generator.seasonality.period", "0"));

    assertThatThrownBy(() -> GeneratorConfig.from(settings))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(7)
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith("vigil.generator.series (VIGIL_GENERATOR_SERIES)"))
                    .anySatisfy(
                        p -> assertThat(p).contains("VIGIL_GENERATOR_RATE").contains("'fast'"))
                    .anySatisfy(p -> assertThat(p).contains("VIGIL_GENERATOR_ANOMALY_RATE"))
                    .anySatisfy(p -> assertThat(p).contains("unknown anomaly kind 'wobble'"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .contains("VIGIL_GENERATOR_TIME_START")
                                .contains("'yesterday'"))
                    .anySatisfy(p -> assertThat(p).contains("VIGIL_GENERATOR_TIME_STEP"))
                    .anySatisfy(p -> assertThat(p).contains("VIGIL_GENERATOR_SEASONALITY_PERIOD")));
  }

  @Test
  void shouldReportEveryInvalidBuilderValueAtOnce() {
    GeneratorConfig.Builder builder =
        GeneratorConfig.builder()
            .seriesCount(0)
            .eventsPerSecond(-1)
            .noise(Double.NaN)
            .anomalyRate(2)
            .anomalyLength(0)
            .keyPrefix(" ");

    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        "series count must be at least 1, was 0",
                        "events per second must be >= 0 (0 = unthrottled), was -1.0",
                        "noise must be >= 0, was NaN",
                        "anomaly rate must be a probability in [0, 1], was 2.0",
                        "anomaly length must be >= 1, was 0",
                        "key prefix must not be blank"));
  }

  @Test
  void shouldReadAHistoryReplayAndRejectOneInSimulatedTime() {
    GeneratorConfig config =
        GeneratorConfig.from(
            Settings.of(
                Map.of("vigil.generator.history.events", "2880", "vigil.generator.series", "5")));

    assertThat(config.historyEvents()).isEqualTo(2880);
    assertThat(config.historyTotal()).isEqualTo(5 * 2880);
    assertThatThrownBy(
            () ->
                GeneratorConfig.builder()
                    .timeMode(EventTimeMode.SIMULATED)
                    .historyEvents(10)
                    .build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("history events need real time");
    assertThatThrownBy(() -> GeneratorConfig.builder().historyEvents(-1).build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("history events must be >= 0");
  }

  @Test
  void shouldRequireKindsWhenAnomaliesAreRandom() {
    assertThatThrownBy(() -> GeneratorConfig.builder().anomalyKinds(List.of()).build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("anomaly kinds must not be empty");
    assertThat(
            GeneratorConfig.builder().anomalyKinds(List.of()).anomalyRate(0).build().anomalyKinds())
        .isEmpty();
  }

  @Test
  void shouldRejectAScriptedAnomalyForAnUnknownSeries() {
    GeneratorConfig.Builder builder =
        GeneratorConfig.builder()
            .seriesCount(3)
            .inject(
                InjectedAnomaly.atIndex("series-2", 5, AnomalyKind.SPIKE, 1),
                InjectedAnomaly.atIndex("series-3", 5, AnomalyKind.SPIKE, 1),
                InjectedAnomaly.atIndex("series-02", 5, AnomalyKind.SPIKE, 1));

    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "scripted anomaly for unknown series 'series-3' (keys are series-0..series-2)",
                        "scripted anomaly for unknown series 'series-02' (keys are series-0..series-2)"));
  }

  @Test
  void shouldRejectAnInjectedAnomalyWithoutExactlyOneStartingPoint() {
    assertThatThrownBy(
            () -> new InjectedAnomaly("series-0", 1L, Instant.EPOCH, AnomalyKind.SPIKE, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InjectedAnomaly("series-0", null, null, AnomalyKind.SPIKE, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InjectedAnomaly.atIndex("series-0", -1, AnomalyKind.SPIKE, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRoundTripThroughToBuilder() {
    GeneratorConfig config =
        GeneratorConfig.builder()
            .seriesCount(4)
            .simulatedTime(Instant.EPOCH, Duration.ofSeconds(5))
            .labelsFile(Path.of("labels.ndjson"))
            .inject(InjectedAnomaly.atIndex("series-1", 3, AnomalyKind.SPIKE, 9))
            .build();

    assertThat(config.toBuilder().build()).isEqualTo(config);
    assertThat(config.toBuilder().clearScripted().build().scripted()).isEmpty();
  }

  @Test
  void shouldParseAnomalyKindsInEverySpelling() {
    assertThat(AnomalyKind.parse("level-shift")).isEqualTo(AnomalyKind.LEVEL_SHIFT);
    assertThat(AnomalyKind.parse(" Trend_Change ")).isEqualTo(AnomalyKind.TREND_CHANGE);
    assertThat(AnomalyKind.VARIANCE_CHANGE.wireName()).isEqualTo("variance_change");
    assertThatThrownBy(() -> AnomalyKind.parse("wobble"))
        .hasMessageContaining("expected one of [spike, level_shift");
  }

  @Test
  void shouldReportGeneratorAndKafkaProblemsTogetherForTheService() {
    Settings settings =
        Settings.of(Map.of("vigil.generator.series", "-1", "vigil.http.port", "99999"));

    assertThatThrownBy(() -> GeneratorServiceConfig.from(settings))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(3)
                    .anySatisfy(p -> assertThat(p).contains("VIGIL_GENERATOR_SERIES"))
                    .anySatisfy(p -> assertThat(p).contains("KAFKA_BOOTSTRAP_SERVERS"))
                    .anySatisfy(p -> assertThat(p).contains("VIGIL_HTTP_PORT")));
  }

  @Test
  void shouldReadTheServiceSettings() {
    GeneratorServiceConfig config =
        GeneratorServiceConfig.from(
            Settings.of(
                Map.of(
                    "kafka.bootstrap.servers", "localhost:9092",
                    "vigil.topic.prefix", "t1.",
                    "vigil.generator.series", "3")));

    assertThat(config.generator().seriesCount()).isEqualTo(3);
    assertThat(config.kafka().bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(config.kafka().topicPrefix()).isEqualTo("t1.");
    assertThat(config.http().port()).isEqualTo(8080);
  }
}
