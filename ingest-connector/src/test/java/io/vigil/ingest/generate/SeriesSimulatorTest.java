package io.vigil.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.schemas.event.Event;
import io.vigil.schemas.event.EventLimits;
import io.vigil.schemas.event.EventParser;
import io.vigil.schemas.event.ParseResult;
import io.vigil.schemas.topic.Topic;
import io.vigil.schemas.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SeriesSimulatorTest {
  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  private static final Duration STEP = Duration.ofMinutes(1);
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);
  private static final String KEY = "series-1";

  private static GeneratorConfig.Builder quiet() {
    return GeneratorConfig.builder().seriesCount(3).simulatedTime(START, STEP).anomalyRate(0);
  }

  /** Runs the simulator for {@code events} events; returns the samples and the closing labels. */
  private static Run run(GeneratorConfig config, int events) {
    SeriesSimulator simulator = SeriesSimulator.create(config, CLOCK);
    List<SeriesSimulator.Sample> samples = new ArrayList<>(events);
    List<AnomalyWindow> labels = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      SeriesSimulator.Sample sample = simulator.next();
      samples.add(sample);
      labels.addAll(sample.completedLabels());
    }
    labels.addAll(simulator.finish());
    return new Run(samples, labels);
  }

  private record Run(List<SeriesSimulator.Sample> samples, List<AnomalyWindow> labels) {
    List<Event> events() {
      return samples.stream().map(SeriesSimulator.Sample::event).toList();
    }

    /** Values of one series by its event index. */
    Map<Long, Double> values(String key) {
      Map<Long, Double> values = new LinkedHashMap<>();
      samples.stream()
          .filter(s -> s.event().key().equals(key))
          .forEach(s -> values.put(s.index(), s.event().value()));
      return values;
    }

    Instant timestamp(String key, long index) {
      return samples.stream()
          .filter(s -> s.event().key().equals(key) && s.index() == index)
          .findFirst()
          .orElseThrow()
          .event()
          .timestamp();
    }
  }

  /** What a scripted anomaly adds to series {@value #KEY}: anomalous minus normal, by index. */
  private static Map<Long, Double> effect(InjectedAnomaly anomaly, int eventsPerSeries) {
    Map<Long, Double> normal = run(quiet().build(), 3 * eventsPerSeries).values(KEY);
    Map<Long, Double> anomalous =
        run(quiet().inject(anomaly).build(), 3 * eventsPerSeries).values(KEY);
    Map<Long, Double> effect = new LinkedHashMap<>();
    normal.forEach((index, value) -> effect.put(index, anomalous.get(index) - value));
    return effect;
  }

  @Test
  void shouldEmitRoundRobinOverSeriesWithSimulatedTimestamps() {
    List<Event> events = run(quiet().build(), 7).events();

    assertThat(events)
        .extracting(Event::key)
        .containsExactly(
            "series-0", "series-1", "series-2", "series-0", "series-1", "series-2", "series-0");
    assertThat(events)
        .extracting(Event::timestamp)
        .containsExactly(
            START,
            START,
            START,
            START.plus(STEP),
            START.plus(STEP),
            START.plus(STEP),
            START.plus(STEP.multipliedBy(2)));
    assertThat(events).extracting(Event::id).startsWith("series-0#0", "series-1#0");
  }

  @Test
  void shouldProduceTheSameOutputForTheSameSeed() {
    GeneratorConfig config =
        quiet()
            .seed(42)
            .anomalyRate(0.01)
            .anomalyKinds(AnomalyKind.values())
            .anomalyLength(10)
            .build();

    Run first = run(config, 6_000);
    Run second = run(config, 6_000);
    Run otherSeed = run(config.toBuilder().seed(43).build(), 6_000);

    assertThat(first.labels()).isNotEmpty();
    assertThat(second.events()).isEqualTo(first.events());
    assertThat(second.labels()).isEqualTo(first.labels());
    assertThat(otherSeed.events()).isNotEqualTo(first.events());
  }

  @Test
  void shouldKeepEachSeriesIndependentOfTheSeriesCount() {
    Map<Long, Double> inThree = run(quiet().build(), 300).values(KEY);
    Map<Long, Double> inFive = run(quiet().seriesCount(5).build(), 500).values(KEY);

    assertThat(inFive).isEqualTo(inThree);
  }

  @Test
  void shouldShowDailySeasonalityOfTwiceTheAmplitudeBetweenPeakAndTrough() {
    GeneratorConfig config =
        quiet()
            .simulatedStep(Duration.ofHours(1))
            .seasonalityPeriod(Duration.ofDays(1))
            .seasonalityAmplitude(10)
            .noise(1)
            .build();
    List<Event> events = run(config, 3 * 24 * 60).events();

    // A quarter of a day is 06:00 UTC (sine peak), three quarters 18:00 UTC (trough).
    for (String key : config.seriesKeys()) {
      double peak = meanAtHour(events, key, 6);
      double trough = meanAtHour(events, key, 18);
      assertThat(peak - trough).as(key).isCloseTo(20.0, within(1.0));
    }
  }

  private static double meanAtHour(List<Event> events, String key, int hour) {
    return events.stream()
        .filter(e -> e.key().equals(key) && e.timestamp().atZone(ZoneOffset.UTC).getHour() == hour)
        .mapToDouble(Event::value)
        .average()
        .orElseThrow();
  }

  @Test
  void shouldInjectAScriptedSpikeAtItsIndexWithItsLabel() {
    InjectedAnomaly spike = InjectedAnomaly.atIndex(KEY, 100, AnomalyKind.SPIKE, 50);

    Map<Long, Double> effect = effect(spike, 200);
    Run run = run(quiet().inject(spike).build(), 600);

    effect.forEach(
        (index, delta) ->
            assertThat(delta)
                .as("index %d", index)
                .isCloseTo(index == 100 ? 50.0 : 0.0, within(1e-9)));
    Instant at = run.timestamp(KEY, 100);
    assertThat(run.labels()).containsExactly(new AnomalyWindow(KEY, AnomalyKind.SPIKE, at, at, 50));
  }

  @Test
  void shouldInjectAScriptedAnomalyAtItsTime() {
    Instant at = START.plus(STEP.multipliedBy(40)).plusSeconds(1);
    InjectedAnomaly spike = InjectedAnomaly.atTime(KEY, at, AnomalyKind.SPIKE, -25);

    Map<Long, Double> effect = effect(spike, 100);

    // The first event stamped at or after `at` is number 41.
    assertThat(effect.entrySet().stream().filter(e -> e.getValue() != 0).toList())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getKey()).isEqualTo(41);
              assertThat(e.getValue()).isCloseTo(-25.0, within(1e-9));
            });
  }

  @Test
  void shouldInjectNothingWhenTheRateIsZero() {
    Run run = run(quiet().seriesCount(10).anomalyRate(0).build(), 50_000);

    assertThat(run.labels()).isEmpty();
  }

  @Test
  void shouldStartRandomAnomaliesAtTheConfiguredRate() {
    GeneratorConfig config = quiet().seriesCount(20).anomalyRate(0.01).build();

    Run run = run(config, 100_000);

    // Spikes last one event, so every event is a Bernoulli(0.01) trial: 1000 ± 3σ (σ ≈ 31).
    assertThat(run.labels()).hasSizeBetween(900, 1100);
    assertThat(run.labels()).allSatisfy(l -> assertThat(l.kind()).isEqualTo(AnomalyKind.SPIKE));
    assertThat(run.labels()).extracting(AnomalyWindow::magnitude).contains(15.0, -15.0);
  }

  @Test
  void shouldDrawEveryConfiguredKind() {
    GeneratorConfig config =
        quiet().anomalyRate(0.01).anomalyKinds(AnomalyKind.values()).anomalyLength(5).build();

    Set<AnomalyKind> kinds =
        run(config, 30_000).labels().stream().map(AnomalyWindow::kind).collect(Collectors.toSet());

    assertThat(kinds).isEqualTo(EnumSet.allOf(AnomalyKind.class));
  }

  @Test
  void shouldShiftTheLevelForTheAnomalyLength() {
    InjectedAnomaly shift =
        InjectedAnomaly.atIndex(KEY, 100, AnomalyKind.LEVEL_SHIFT, -30).lasting(20);

    Map<Long, Double> effect = effect(shift, 200);
    Run run = run(quiet().inject(shift).build(), 600);

    effect.forEach(
        (index, delta) ->
            assertThat(delta)
                .as("index %d", index)
                .isCloseTo(index >= 100 && index < 120 ? -30.0 : 0.0, within(1e-9)));
    assertThat(run.labels())
        .containsExactly(
            new AnomalyWindow(
                KEY,
                AnomalyKind.LEVEL_SHIFT,
                run.timestamp(KEY, 100),
                run.timestamp(KEY, 119),
                -30));
  }

  @Test
  void shouldRampTheTrendUpToTheMagnitude() {
    InjectedAnomaly trend =
        InjectedAnomaly.atIndex(KEY, 50, AnomalyKind.TREND_CHANGE, 40).lasting(10);

    Map<Long, Double> effect = effect(trend, 100);

    effect.forEach(
        (index, delta) -> {
          double expected = index >= 50 && index < 60 ? 40.0 * (index - 49) / 10 : 0.0;
          assertThat(delta).as("index %d", index).isCloseTo(expected, within(1e-9));
        });
  }

  @Test
  void shouldAddNoiseOfTheMagnitudeForAVarianceChange() {
    InjectedAnomaly variance =
        InjectedAnomaly.atIndex(KEY, 100, AnomalyKind.VARIANCE_CHANGE, 5).lasting(1_000);

    Map<Long, Double> effect = effect(variance, 1_200);

    double[] inside =
        effect.entrySet().stream()
            .filter(e -> e.getKey() >= 100 && e.getKey() < 1_100)
            .mapToDouble(Map.Entry::getValue)
            .toArray();
    double mean = java.util.Arrays.stream(inside).average().orElseThrow();
    double sd =
        Math.sqrt(
            java.util.Arrays.stream(inside).map(d -> (d - mean) * (d - mean)).sum()
                / inside.length);
    assertThat(sd).isCloseTo(5.0, within(0.5));
    assertThat(mean).isCloseTo(0.0, within(0.5));
    effect.entrySet().stream()
        .filter(e -> e.getKey() < 100 || e.getKey() >= 1_100)
        .forEach(e -> assertThat(e.getValue()).as("index %d", e.getKey()).isZero());
  }

  @Test
  void shouldFreezeTheValueForAFlatline() {
    InjectedAnomaly flatline =
        InjectedAnomaly.atIndex(KEY, 100, AnomalyKind.FLATLINE, 0).lasting(30);

    Map<Long, Double> values = run(quiet().inject(flatline).build(), 600).values(KEY);

    double stuck = values.get(99L);
    for (long i = 100; i < 130; i++) {
      assertThat(values.get(i)).as("index %d", i).isEqualTo(stuck);
    }
    assertThat(values.get(130L)).isNotEqualTo(stuck);
  }

  @Test
  void shouldCutAnAnomalyStillUnderWayWhenFinished() {
    InjectedAnomaly shift =
        InjectedAnomaly.atIndex(KEY, 10, AnomalyKind.LEVEL_SHIFT, 5).lasting(100);

    Run run = run(quiet().inject(shift).build(), 3 * 50);

    assertThat(run.labels())
        .containsExactly(
            new AnomalyWindow(
                KEY, AnomalyKind.LEVEL_SHIFT, run.timestamp(KEY, 10), run.timestamp(KEY, 49), 5));
  }

  @Test
  void shouldLetAScriptedAnomalyCutARandomOneShort() {
    GeneratorConfig random =
        quiet()
            .seriesCount(1)
            .keyPrefix("s")
            .anomalyRate(0.05)
            .anomalyKinds(AnomalyKind.LEVEL_SHIFT)
            .anomalyLength(1_000)
            .build();
    AnomalyWindow first = run(random, 2_000).labels().get(0);
    long firstStart = Duration.between(START, first.start()).dividedBy(STEP);
    InjectedAnomaly spike = InjectedAnomaly.atIndex("s0", firstStart + 3, AnomalyKind.SPIKE, 99);

    Run run = run(random.toBuilder().inject(spike).build(), (int) firstStart + 10);

    Instant spikeAt = run.timestamp("s0", firstStart + 3);
    assertThat(run.labels().subList(0, 2))
        .containsExactly(
            new AnomalyWindow(
                "s0",
                AnomalyKind.LEVEL_SHIFT,
                first.start(),
                spikeAt.minus(STEP),
                first.magnitude()),
            new AnomalyWindow("s0", AnomalyKind.SPIKE, spikeAt, spikeAt, 99));
  }

  @Test
  void shouldStampEventsWithTheClockInRealTime() {
    Instant now = Instant.parse("2025-03-04T05:06:07.123456Z");
    GeneratorConfig config = GeneratorConfig.builder().seriesCount(2).build();

    SeriesSimulator simulator = SeriesSimulator.create(config, Clock.fixed(now, ZoneOffset.UTC));

    assertThat(simulator.next().event().timestamp())
        .isEqualTo(Instant.parse("2025-03-04T05:06:07.123Z"));
  }

  @Test
  void shouldReplayAHistoryEndingAStepBeforeNowThenStampLiveEventsWithTheClock() {
    Instant now = Instant.parse("2025-03-04T05:06:07Z");
    GeneratorConfig config =
        GeneratorConfig.builder()
            .seriesCount(2)
            .anomalyRate(0)
            .historyEvents(3)
            .simulatedStep(Duration.ofMinutes(2))
            .inject(InjectedAnomaly.atIndex("series-1", 3, AnomalyKind.SPIKE, 50))
            .build();
    SeriesSimulator simulator = SeriesSimulator.create(config, Clock.fixed(now, ZoneOffset.UTC));

    List<SeriesSimulator.Sample> samples = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      assertThat(simulator.historyReplayed()).isEqualTo(i >= 6);
      samples.add(simulator.next());
    }

    assertThat(samples.stream().map(s -> s.event().timestamp()))
        .containsExactly(
            now.minus(Duration.ofMinutes(6)),
            now.minus(Duration.ofMinutes(6)),
            now.minus(Duration.ofMinutes(4)),
            now.minus(Duration.ofMinutes(4)),
            now.minus(Duration.ofMinutes(2)),
            now.minus(Duration.ofMinutes(2)),
            now,
            now);
    assertThat(simulator.liveStart()).isEqualTo(now);
    assertThat(samples.get(7).completedLabels())
        .containsExactly(new AnomalyWindow("series-1", AnomalyKind.SPIKE, now, now, 50));
  }

  @Test
  void shouldEndABoundedSimulatedRunAtNowByDefault() {
    GeneratorConfig config =
        GeneratorConfig.builder()
            .seriesCount(4)
            .timeMode(EventTimeMode.SIMULATED)
            .simulatedStep(Duration.ofSeconds(30))
            .maxEvents(400)
            .build();

    List<Event> events = run(config, 400).events();

    assertThat(events.get(399).timestamp()).isEqualTo(CLOCK.instant());
    assertThat(events.get(0).timestamp())
        .isEqualTo(CLOCK.instant().minus(Duration.ofSeconds(30 * 99)));
  }

  @Test
  void shouldProduceEventsTheEventParserAccepts() {
    Topic<String, Event> topic = Topics.defaults().events();
    EventParser parser = new EventParser(EventLimits.defaults(), CLOCK);
    GeneratorConfig config = quiet().anomalyRate(0.05).anomalyKinds(AnomalyKind.values()).build();

    for (Event event : run(config, 3_000).events()) {
      byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), event);
      assertThat(parser.parse(bytes)).isEqualTo(new ParseResult.Accepted<>(event));
    }
  }
}
