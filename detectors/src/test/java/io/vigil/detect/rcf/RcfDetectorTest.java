package io.vigil.detect.rcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.detect.Assessment;
import io.vigil.detect.Scored;
import io.vigil.detect.StateFormatException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RcfDetectorTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final RcfDetector detector = new RcfDetector(RcfParameters.defaults());
  private final Random random = new Random(11);
  private RcfState model = detector.newModel();
  private int step;

  private Assessment observe(Map<String, Double> features) {
    Scored<RcfState> scored = detector.score(model, features, START.plusSeconds(60L * step++));
    model = scored.model();
    return scored.assessment();
  }

  private Map<String, Double> normalPair() {
    double load = 10 + random.nextGaussian();
    return Map.of("cpu", load * 2 + random.nextGaussian() * 0.2, "rps", load * 100);
  }

  @Test
  void shouldGradeAShingledSpikeAndStayQuietOnNoise() {
    int graded = 0;
    for (int i = 0; i < 1_000; i++) {
      Assessment assessment = observe(Map.of("value", 50 + random.nextGaussian()));
      if (!assessment.warmingUp() && assessment.score() > 0) {
        graded++;
      }
    }
    Assessment spike = observe(Map.of("value", 80.0));

    assertThat(graded).isLessThan(10);
    assertThat(spike.warmingUp()).isFalse();
    assertThat(spike.score()).isGreaterThan(0.0);
    assertThat(spike.rawScore()).isGreaterThan(1.5);
    assertThat(spike.detector()).isEqualTo(RcfDetector.NAME);
    assertThat(spike.expected().get("value").value()).isBetween(45.0, 55.0);
  }

  @Test
  void shouldAttributeAMultivariateAnomalyToTheFeatureThatBrokeTheRelation() {
    for (int i = 0; i < 1_000; i++) {
      observe(normalPair());
    }
    // rps fits a load of 10, cpu claims a load of 25: only cpu is out of line.
    Assessment broken = observe(Map.of("cpu", 50.0, "rps", 1_000.0));

    assertThat(broken.score()).isGreaterThan(0.0);
    assertThat(broken.attribution().get("cpu")).isGreaterThan(0.7);
    assertThat(broken.attribution().values().stream().mapToDouble(Double::doubleValue).sum())
        .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(broken.expected()).containsOnlyKeys("cpu", "rps");
    assertThat(broken.expected().get("cpu").upper()).isLessThan(50.0);
  }

  @Test
  void shouldCarryTheLastValueOfAMissingFeature() {
    for (int i = 0; i < 50; i++) {
      observe(normalPair());
    }
    Assessment partial = observe(Map.of("cpu", 20.0));
    assertThat(model.features()).containsExactly("cpu", "rps");
    assertThat(partial.expected()).containsKey("cpu");
  }

  @Test
  void shouldRefuseToScoreASpentState() {
    RcfState first = model;
    observe(Map.of("value", 1.0));
    assertThat(first.isSpent()).isTrue();
    assertThatThrownBy(() -> detector.score(first, Map.of("value", 1.0), START))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already scored");
  }

  @Test
  void shouldContinueIdenticallyAfterAStateRoundTrip() {
    for (int i = 0; i < 400; i++) {
      observe(Map.of("value", 50 + random.nextGaussian()));
    }
    RcfStateMapper mapper = new RcfStateMapper();
    byte[] bytes = mapper.toBytes(model);
    RcfState copy = mapper.fromBytes(bytes);

    Instant next = START.plus(Duration.ofMinutes(step));
    Assessment original = detector.score(model, Map.of("value", 75.0), next).assessment();
    Assessment restored = detector.score(copy, Map.of("value", 75.0), next).assessment();

    assertThat(copy.features()).containsExactly("value");
    assertThat(restored.rawScore()).isEqualTo(original.rawScore());
    assertThat(restored.score()).isEqualTo(original.score());
    assertThat(bytes.length).isLessThan(128 * 1024);
  }

  @Test
  void shouldRoundTripTheEmptyModelAndRefuseUnknownVersions() {
    RcfStateMapper mapper = new RcfStateMapper();
    byte[] empty = mapper.toBytes(RcfState.empty());
    assertThat(mapper.fromBytes(empty).features()).isEmpty();

    empty[0] = 5;
    assertThatThrownBy(() -> mapper.fromBytes(empty))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("unknown RCF state format version 5");
  }
}
