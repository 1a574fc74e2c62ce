package io.vigil.detect.adaptive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vigil.detect.AlertPolicy;
import io.vigil.detect.Assessment;
import io.vigil.detect.ExpectedBand;
import io.vigil.detect.Scored;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AdaptiveDetectorTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration STEP = Duration.ofMinutes(5);
  private static final double THRESHOLD = AlertPolicy.DEFAULT_THRESHOLD;

  private final AdaptiveDetector detector = AdaptiveDetector.defaults();

  /** One series fed value by value, 5 minutes apart. */
  private final class Series {
    private AdaptiveState state = detector.newModel();
    private int index;

    Assessment observe(double value) {
      return observe(Map.of("value", value));
    }

    Assessment observe(Map<String, Double> features) {
      Scored<AdaptiveState> scored = detector.score(state, features, time(index++));
      state = scored.model();
      return scored.assessment();
    }

    Instant next() {
      return time(index);
    }
  }

  private static Instant time(int index) {
    return START.plus(STEP.multipliedBy(index));
  }

  private static boolean alerts(Assessment assessment) {
    return !assessment.warmingUp() && assessment.score() >= THRESHOLD;
  }

  /** Triangle wave between 0 and 100 in steps of 5 with a little noise: wide range, small steps. */
  private static double triangle(int i, Random random) {
    int phase = i % 40;
    double wave = phase < 20 ? phase * 5.0 : (40 - phase) * 5.0;
    return wave + 0.2 * random.nextGaussian();
  }

  private Series feed(int count, long seed) {
    Random random = new Random(seed);
    Series series = new Series();
    for (int i = 0; i < count; i++) {
      series.observe(100 + random.nextGaussian());
    }
    return series;
  }

  @Test
  void shouldNotAlertBeforeFiftyObservationsWhateverTheJump() {
    Random random = new Random(1);
    Series series = new Series();
    List<Assessment> early = new ArrayList<>();
    for (int i = 0; i < 49; i++) {
      early.add(series.observe(triangle(i, random)));
    }
    early.add(series.observe(1_000_000.0)); // the 50th value, judged on 49

    assertThat(early).allSatisfy(a -> assertThat(a.score()).isZero());
    assertThat(early).allSatisfy(a -> assertThat(a.warmingUp()).isTrue());
  }

  @Test
  void shouldAlertOnAJumpFromTheFiftyFirstObservation() {
    Random random = new Random(1);
    Series series = new Series();
    for (int i = 0; i < 50; i++) {
      series.observe(triangle(i, random));
    }

    Assessment jump = series.observe(1_000.0);

    assertThat(jump.warmingUp()).isFalse();
    assertThat(jump.observations()).isEqualTo(50);
    assertThat(jump.score()).isGreaterThanOrEqualTo(THRESHOLD);
  }

  @Test
  void shouldFastStartOnAJumpOfManyTypicalStepsInsideTheRange() {
    Random random = new Random(2);
    Series series = new Series();
    for (int i = 0; i < 79; i++) {
      series.observe(triangle(i, random));
    }
    // Value 79 of the wave is near 5; 95 is inside the range [0, 100] but 18 steps of 5 away.
    Assessment jump = series.observe(95.0);

    assertThat(jump.observations()).isEqualTo(79);
    assertThat(jump.score()).isGreaterThanOrEqualTo(THRESHOLD);
    assertThat(jump.detector()).isEqualTo("adaptive/fast-start");
    assertThat(jump.explanation()).contains("fast start").contains("jump");
  }

  @Test
  void shouldNotFastStartOnAJumpOfFewTypicalSteps() {
    Random random = new Random(2);
    Series series = new Series();
    for (int i = 0; i < 79; i++) {
      series.observe(triangle(i, random));
    }

    Assessment small = series.observe(5.0 + 30.0); // 6 steps of 5

    assertThat(small.detector()).isNotEqualTo("adaptive/fast-start");
    assertThat(small.score()).isLessThan(THRESHOLD);
  }

  @Test
  void shouldFireRangeOnAClearlyNewHighAfterManyNoisyValues() {
    Series series = feed(1_500, 3);
    double max = series.state.features().get("value").max();

    Assessment high = series.observe(max + 5);

    assertThat(high.score()).isGreaterThanOrEqualTo(THRESHOLD);
    assertThat(high.detector()).isEqualTo("adaptive/range");
    assertThat(high.explanation()).startsWith("new high");
    ExpectedBand band = high.expected().get("value");
    assertThat(max + 5).isGreaterThan(band.upper());
  }

  /** 100 + a daily sine of amplitude 10 at 5-minute steps (288 a day), with unit noise. */
  private static double daily(int i, Random random) {
    return 100 + 10 * Math.sin(2 * Math.PI * i / 288.0) + random.nextGaussian();
  }

  @Test
  void shouldFireSpikeInsideTheRangeOnlyWhenFarBeyondTheRecentLargestDistance() {
    Random random = new Random(5);
    Series series = new Series();
    int trough = 288 * 10 + 216; // the sine's minimum, ~90, ten days in
    for (int i = 0; i < trough; i++) {
      series.observe(daily(i, random));
    }
    double value = 104; // inside the range seen (about 87 to 113), 14 above the trough
    Assessment spike = series.observe(value);

    assertThat(spike.detector()).isEqualTo("adaptive/spike");
    assertThat(spike.score()).isGreaterThanOrEqualTo(THRESHOLD);
    ExpectedBand band = spike.expected().get("value");
    assertThat(value < band.lower() || value > band.upper())
        .as("%s outside [%s, %s]", value, band.lower(), band.upper())
        .isTrue();
    assertThat(spike.explanation()).contains("times the largest recent distance from expected");

    for (int i = trough + 1; i < trough + 6; i++) {
      series.observe(daily(i, random));
    }
    Assessment repeat = series.observe(value);
    assertThat(repeat.detector())
        .as("a spike as large as one a few values ago is not a new spike")
        .isNotEqualTo("adaptive/spike");
  }

  @Test
  void shouldFireDeviationOnASustainedLevelShiftOnceTheLikelihoodHasLearned() {
    Series series = feed(1_500, 4);
    Random random = new Random(40);
    FeatureModel before = series.state.features().get("value");
    assertThat(before.averages())
        .isGreaterThanOrEqualTo(detector.parameters().likelihoodLearning());

    Assessment first = null;
    for (int i = 0; i < 60 && first == null; i++) {
      Assessment shifted = series.observe(102.5 + random.nextGaussian());
      if (alerts(shifted)) {
        first = shifted;
      }
    }

    assertThat(first).as("an alert during the shift").isNotNull();
    assertThat(first.detector()).isEqualTo("adaptive/deviation");
  }

  @Test
  void shouldFireFlatlineOnARunOfRepeatsInANoisySeries() {
    Series series = feed(1_500, 5);
    List<Assessment> run = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      run.add(series.observe(100.25));
    }

    Assessment fired = run.stream().filter(AdaptiveDetectorTest::alerts).findFirst().orElseThrow();
    assertThat(fired.detector()).isEqualTo("adaptive/flatline");
    assertThat(fired.explanation()).startsWith("flatline");
    assertThat(run.subList(0, 5)).noneMatch(AdaptiveDetectorTest::alerts);
  }

  @Test
  void shouldStayBelowTheDefaultThresholdOnACleanDailySeasonalSeries() {
    Random random = new Random(6);
    Series series = new Series();
    double highest = 0;
    int above = 0;
    for (int i = 0; i < 5_000; i++) {
      double phase = 2 * Math.PI * i / 288.0; // 288 five-minute steps a day
      Assessment a = series.observe(100 + 20 * Math.sin(phase) + random.nextGaussian());
      if (!a.warmingUp()) {
        highest = Math.max(highest, a.score());
        above += a.score() > THRESHOLD ? 1 : 0;
      }
    }

    assertThat(above).as("scores above the threshold, highest %s", highest).isZero();
  }

  @Test
  void shouldKeepScoresInTheUnitIntervalOnARunWithAnomalies() {
    List<Assessment> all = injectedRun(7);

    assertThat(all).allSatisfy(a -> assertThat(a.score()).isBetween(0.0, 1.0));
    assertThat(all).anyMatch(AdaptiveDetectorTest::alerts);
  }

  @Test
  void shouldAttributeAnAnomalyInOneOfTwoFeaturesToIt() {
    Random random = new Random(8);
    Series series = new Series();
    for (int i = 0; i < 1_500; i++) {
      series.observe(Map.of("cpu", 50 + random.nextGaussian(), "mem", 10 + random.nextGaussian()));
    }
    double memMax = series.state.features().get("mem").max();

    Assessment a = series.observe(Map.of("cpu", 50.0, "mem", memMax + 6));

    assertThat(a.score()).isGreaterThanOrEqualTo(THRESHOLD);
    assertThat(a.attribution().get("mem")).isGreaterThan(0.9);
    assertThat(a.attribution().values().stream().mapToDouble(Double::doubleValue).sum())
        .isCloseTo(1.0, within(1e-9));
    assertThat(a.explanation()).startsWith("mem: new high");
    assertThat(a.detector()).isEqualTo("adaptive/range");
  }

  @Test
  void shouldTakeTheLargestFeaturesSurpriseMinusLogOfTheFeatureCount() {
    Random random = new Random(9);
    Series series = new Series();
    for (int i = 0; i < 1_500; i++) {
      series.observe(
          Map.of(
              "a",
              random.nextGaussian(),
              "b",
              5 + random.nextGaussian(),
              "c",
              random.nextGaussian()));
    }
    AdaptiveState model = series.state;
    Instant t = series.next();
    Map<String, Double> values = Map.of("a", 4.5, "b", 5 - 6.0, "c", 0.3);
    Map<String, Double> alone = new HashMap<>();
    for (var entry : values.entrySet()) {
      alone.put(
          entry.getKey(),
          detector
              .score(model, Map.of(entry.getKey(), entry.getValue()), t)
              .assessment()
              .rawScore());
    }
    double max = alone.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();

    double two = detector.score(model, Map.of("a", 4.5, "b", -1.0), t).assessment().rawScore();
    double three = detector.score(model, values, t).assessment().rawScore();

    assertThat(max).isGreaterThan(1);
    assertThat(two)
        .isCloseTo(Math.max(alone.get("a"), alone.get("b")) - Math.log10(2), within(1e-12));
    assertThat(three).isCloseTo(max - Math.log10(3), within(1e-12));
  }

  @Test
  void shouldKeepTheStateAtAFixedBoundedSize() {
    Random random = new Random(10);
    Series series = new Series();
    int sizeAt10k = 0;
    for (int i = 1; i <= 100_000; i++) {
      series.observe(100 + 10 * Math.sin(2 * Math.PI * i / 288.0) + random.nextGaussian());
      if (i == 10_000) {
        sizeAt10k = detector.mapper().toBytes(series.state).length;
      }
    }
    int sizeAt100k = detector.mapper().toBytes(series.state).length;

    assertThat(sizeAt100k).isEqualTo(sizeAt10k);
    assertThat(sizeAt100k).isLessThanOrEqualTo(8 * 1024);
  }

  @Test
  void shouldNotMutateTheGivenModel() {
    Series series = feed(300, 11);
    AdaptiveState model = series.state;
    byte[] before = detector.mapper().toBytes(model);
    Instant t = series.next();

    Scored<AdaptiveState> first = detector.score(model, Map.of("value", 130.0), t);
    Scored<AdaptiveState> second = detector.score(model, Map.of("value", 130.0), t);

    assertThat(second.assessment()).isEqualTo(first.assessment());
    assertThat(second.model()).isEqualTo(first.model());
    assertThat(first.model()).isNotEqualTo(model);
    assertThat(detector.mapper().toBytes(model)).isEqualTo(before);
  }

  @Test
  void shouldRefuseEmptyAndNonFiniteFeatures() {
    AdaptiveState model = detector.newModel();
    Map<String, Double> withNull = new HashMap<>();
    withNull.put("value", null);

    assertThatThrownBy(() -> detector.score(model, Map.of(), START))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one feature");
    assertThatThrownBy(() -> detector.score(model, null, START))
        .isInstanceOf(IllegalArgumentException.class);
    for (double bad :
        new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      assertThatThrownBy(() -> detector.score(model, Map.of("value", bad), START))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("feature value is not a finite number");
    }
    assertThatThrownBy(() -> detector.score(model, withNull, START))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldExplainEveryAlertCoherently() {
    Series series = new Series();
    Random random = new Random(12);
    List<double[]> incoherent = new ArrayList<>();
    int alerts = 0;
    for (int i = 0; i < 6_000; i++) {
      double value = injected(i, random);
      Assessment a = series.observe(value);
      if (alerts(a)) {
        alerts++;
        ExpectedBand band = a.expected().get("value");
        boolean outside = value < band.lower() || value > band.upper();
        String why = a.explanation();
        boolean otherwise =
            why.contains("sustained") || why.contains("flatline") || why.contains("jump");
        if (!outside && !otherwise) {
          incoherent.add(new double[] {i, value, band.lower(), band.upper()});
        }
      }
    }

    assertThat(alerts).isGreaterThan(3);
    assertThat(incoherent).isEmpty();
  }

  /** A daily seasonal series with spikes, dips, a level shift and a flatline injected. */
  private static double injected(int i, Random random) {
    double base = 100 + 20 * Math.sin(2 * Math.PI * i / 288.0) + random.nextGaussian();
    if (i == 1_500 || i == 4_200) {
      return base + 60;
    }
    if (i == 2_300) {
      return base - 55;
    }
    if (i >= 3_000 && i < 3_100) {
      return base + 8;
    }
    if (i >= 3_600 && i < 3_650) {
      return 101.0;
    }
    if (i == 5_000) {
      return base + 12;
    }
    return base;
  }

  private List<Assessment> injectedRun(long seed) {
    Series series = new Series();
    Random random = new Random(seed);
    List<Assessment> all = new ArrayList<>();
    for (int i = 0; i < 6_000; i++) {
      all.add(series.observe(injected(i, random)));
    }
    return all;
  }
}
