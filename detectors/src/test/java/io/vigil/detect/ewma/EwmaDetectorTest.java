package io.vigil.detect.ewma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vigil.detect.AlertLevel;
import io.vigil.detect.AlertPolicy;
import io.vigil.detect.Assessment;
import io.vigil.detect.ExpectedBand;
import io.vigil.detect.Scored;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EwmaDetectorTest {
  private static final double MEAN = 100.0;
  private static final double SIGMA = 5.0;
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final EwmaDetector detector = new EwmaDetector(EwmaParameters.defaults());
  private final AlertPolicy policy = AlertPolicy.defaults();
  private final Random random = new Random(20_260_101L);
  private EwmaState model = detector.newModel();
  private int step;

  @Test
  void shouldNotAlertOnGaussianNoiseAfterWarmup() {
    List<Integer> alerts = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      if (alert(observe(noise())).isPresent()) {
        alerts.add(i);
      }
    }
    assertThat(alerts).isEmpty();
  }

  @Test
  void shouldAlertOnceForTenSigmaSpikeWithExpectedBand() {
    warmUp(500);
    List<Assessment> alerts = new ArrayList<>();
    Assessment spike = observe(MEAN + 10 * SIGMA);
    alert(spike).ifPresent(level -> alerts.add(spike));
    for (int i = 0; i < 200; i++) {
      Assessment after = observe(noise());
      alert(after).ifPresent(level -> alerts.add(after));
    }

    assertThat(alerts).containsExactly(spike);
    assertThat(alert(spike)).contains(AlertLevel.CRITICAL);
    assertThat(spike.rawScore()).isCloseTo(10.0, within(2.5));
    ExpectedBand expected = spike.expected().get("value");
    assertThat(expected.value()).isCloseTo(MEAN, within(SIGMA));
    assertThat(expected.upper() - expected.value()).isCloseTo(3 * SIGMA, within(SIGMA));
    assertThat(expected.value() - expected.lower()).isEqualTo(expected.upper() - expected.value());
    assertThat(spike.attribution()).containsExactly(Map.entry("value", 1.0));
  }

  @Test
  void shouldSuppressAlertsDuringWarmup() {
    warmUp(10);
    Assessment spike = observe(MEAN + 20 * SIGMA);

    assertThat(spike.warmingUp()).isTrue();
    assertThat(spike.observations()).isEqualTo(10);
    assertThat(spike.score()).isGreaterThan(policy.threshold());
    assertThat(alert(spike)).isEmpty();
  }

  @Test
  void shouldNotLetSpikePoisonTheVariance() {
    warmUp(500);
    double bandBefore = observe(noise()).expected().get("value").upper();
    assertThat(alert(observe(MEAN + 50 * SIGMA))).isPresent();

    Assessment next = observe(MEAN + 2 * SIGMA);
    ExpectedBand band = next.expected().get("value");

    assertThat(alert(next)).isEmpty();
    assertThat(band.value()).isCloseTo(MEAN, within(SIGMA));
    assertThat(band.upper()).isLessThan(bandBefore + 3 * SIGMA);
    warmUp(5);
    assertThat(alert(observe(MEAN + 8 * SIGMA))).as("a second spike is still seen").isPresent();
  }

  @Test
  void shouldFollowALevelShiftInsteadOfAlertingForever() {
    warmUp(500);
    int alerts = 0;
    for (int i = 0; i < 200; i++) {
      if (alert(observe(noise() + 30 * SIGMA)).isPresent()) {
        alerts++;
      }
    }
    assertThat(alerts).isBetween(1, 20);
    assertThat(model.feature("value").mean()).isCloseTo(MEAN + 30 * SIGMA, within(3 * SIGMA));
  }

  @Test
  void shouldAttributeToTheFeatureThatMoved() {
    for (int i = 0; i < 500; i++) {
      observe(Map.of("cpu", noise(), "mem", 50 + random.nextGaussian(), "io", 10 + noise() / 10));
    }
    Assessment moved = observe(Map.of("cpu", noise(), "mem", 62.0, "io", 10 + noise() / 10));

    assertThat(alert(moved)).isPresent();
    assertThat(moved.attribution().values().stream().mapToDouble(Double::doubleValue).sum())
        .isCloseTo(1.0, within(1e-9));
    assertThat(moved.attribution().get("mem")).isGreaterThan(0.9);
    assertThat(moved.expected()).containsOnlyKeys("cpu", "io", "mem");
    assertThat(moved.expected().get("mem").value()).isCloseTo(50.0, within(1.0));
  }

  @Test
  void shouldWarmUpANewFeatureOnItsOwn() {
    warmUp(500);
    Assessment first = observe(Map.of("value", noise(), "extra", 1.0));

    assertThat(first.warmingUp()).isTrue();
    assertThat(first.observations()).isZero();
    assertThat(model.feature("value").count()).isEqualTo(501);
    assertThat(model.feature("extra").count()).isEqualTo(1);
  }

  @Test
  void shouldLeaveTheGivenModelUnchanged() {
    warmUp(100);
    EwmaState before = model;
    byte[] bytes = detector.mapper().toBytes(before);

    Scored<EwmaState> scored = detector.score(before, Map.of("value", 1e6), START);

    assertThat(detector.mapper().toBytes(before)).isEqualTo(bytes);
    assertThat(scored.model()).isNotEqualTo(before);
  }

  @Test
  void shouldKeepTheLatestEventTime() {
    EwmaState later = detector.score(model, Map.of("value", 1.0), START.plusSeconds(60)).model();
    EwmaState afterLate = detector.score(later, Map.of("value", 1.0), START).model();

    assertThat(afterLate.lastEventTime()).isEqualTo(START.plusSeconds(60));
  }

  @Test
  void shouldGiveAConstantSeriesADefinedScore() {
    for (int i = 0; i < 100; i++) {
      assertThat(alert(observe(42.0))).isEmpty();
    }
    assertThat(alert(observe(43.0))).contains(AlertLevel.CRITICAL);
  }

  @Test
  void shouldCalibrateLikeAGaussianTail() {
    EwmaState known =
        new EwmaState(
            new java.util.TreeMap<>(Map.of("value", new FeatureStats(1000, 0.0, 1.0, 0))), null);

    assertThat(detector.score(known, Map.of("value", 3.0), START).assessment().score())
        .isCloseTo(0.9973, within(1e-4));
    assertThat(detector.score(known, Map.of("value", -4.417173), START).assessment().score())
        .isCloseTo(0.99999, within(1e-9));
  }

  @Test
  void shouldRejectNonFiniteFeatures() {
    assertThatThrownBy(() -> detector.score(model, Map.of("value", Double.NaN), START))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finite");
    assertThatThrownBy(() -> detector.score(model, Map.of(), START))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private void warmUp(int observations) {
    for (int i = 0; i < observations; i++) {
      observe(noise());
    }
  }

  private double noise() {
    return MEAN + SIGMA * random.nextGaussian();
  }

  private Assessment observe(double value) {
    return observe(Map.of("value", value));
  }

  private Assessment observe(Map<String, Double> features) {
    Scored<EwmaState> scored =
        detector.score(model, features, START.plus(Duration.ofSeconds(step++)));
    model = scored.model();
    return scored.assessment();
  }

  private Optional<AlertLevel> alert(Assessment assessment) {
    return policy.evaluate(assessment);
  }
}
