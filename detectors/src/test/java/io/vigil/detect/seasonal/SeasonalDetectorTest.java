package io.vigil.detect.seasonal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detect.AlertPolicy;
import io.vigil.detect.Assessment;
import io.vigil.detect.Scored;
import io.vigil.detect.ewma.EwmaDetector;
import io.vigil.detect.ewma.EwmaParameters;
import io.vigil.detect.ewma.EwmaState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeasonalDetectorTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration STEP = Duration.ofMinutes(5);
  private static final int PER_DAY = 288;

  private final SeasonalDetector detector = new SeasonalDetector(SeasonalParameters.defaults());
  private final AlertPolicy policy = AlertPolicy.defaults();
  private final Random random = new Random(7);

  private double daily(int i) {
    return 50.0 + 20.0 * Math.sin(2 * Math.PI * i / PER_DAY) + random.nextGaussian() * 0.5;
  }

  @Test
  void shouldNotFlagTheDailyPatternOnceLearned() {
    SeasonalState model = detector.newModel();
    List<Integer> alerts = new ArrayList<>();
    for (int i = 0; i < PER_DAY * 21; i++) {
      Scored<SeasonalState> scored = detector.score(model, Map.of("value", daily(i)), at(i));
      model = scored.model();
      if (policy.evaluate(scored.assessment()).isPresent()) {
        alerts.add(i);
      }
    }
    assertThat(alerts).isEmpty();
    assertThat(model.buckets()).hasSize(24);
  }

  @Test
  void shouldFlagAValueNormalAtAnotherHourButNotHere() {
    SeasonalState model = detector.newModel();
    EwmaDetector plain = new EwmaDetector(EwmaParameters.defaults());
    EwmaState plainModel = plain.newModel();
    int days = 14;
    for (int i = 0; i < PER_DAY * days; i++) {
      Map<String, Double> features = Map.of("value", daily(i));
      model = detector.score(model, features, at(i)).model();
      plainModel = plain.score(plainModel, features, at(i)).model();
    }
    // At the daily trough (value ≈ 30) the peak's value 70 appears: ordinary for the series as a
    // whole, far off for this hour.
    int trough = PER_DAY * days + PER_DAY * 3 / 4;
    Map<String, Double> shifted = Map.of("value", 70.0);
    Assessment seasonal = detector.score(model, shifted, at(trough)).assessment();
    Assessment global = plain.score(plainModel, shifted, at(trough)).assessment();

    assertThat(policy.evaluate(seasonal)).isPresent();
    assertThat(policy.evaluate(global)).isEmpty();
    assertThat(seasonal.detector()).isEqualTo(SeasonalDetector.NAME);
    assertThat(seasonal.expected().get("value").value()).isBetween(27.0, 35.0);
    assertThat(seasonal.attribution()).containsEntry("value", 1.0);
  }

  @Test
  void shouldUseTheGlobalBaselineWhileTheBucketIsCold() {
    SeasonalState model = detector.newModel();
    for (int i = 0; i < 100; i++) {
      model = detector.score(model, Map.of("value", 10.0 + (i % 2)), at(i)).model();
    }
    // Hour 23 has never been seen: the global mean stands in for it.
    Instant cold = START.plus(Duration.ofHours(23));
    Assessment assessment = detector.score(model, Map.of("value", 10.5), cold).assessment();

    assertThat(model.bucket(23).features()).isEmpty();
    assertThat(assessment.warmingUp()).isFalse();
    assertThat(assessment.expected().get("value").value()).isBetween(10.3, 10.7);
  }

  @Test
  void shouldPlaceTimesInPhaseBucketsOfTheConfiguredPeriod() {
    SeasonalDetector weekly = new SeasonalDetector(SeasonalParameters.weekly());
    assertThat(detector.bucketOf(Instant.parse("2026-03-04T13:59:59Z"))).isEqualTo(13);
    assertThat(weekly.parameters().buckets()).isEqualTo(168);
    assertThat(weekly.bucketOf(Instant.parse("1970-01-02T01:00:00Z"))).isEqualTo(25);
  }

  private static Instant at(int i) {
    return START.plus(STEP.multipliedBy(i));
  }
}
