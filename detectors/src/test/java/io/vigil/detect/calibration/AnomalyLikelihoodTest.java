package io.vigil.detect.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.detect.AlertPolicy;
import io.vigil.detect.Assessment;
import io.vigil.detect.Scored;
import io.vigil.detect.StateFormatException;
import io.vigil.detect.ewma.EwmaDetector;
import io.vigil.detect.ewma.EwmaParameters;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnomalyLikelihoodTest {
  private static final String GOLDEN_V1 =
      "0100000002"
          + "3ff0000000000000"
          + "4000000000000000"
          + "000000000000012c"
          + "3ff8000000000000"
          + "3fd0000000000000";

  private final AnomalyLikelihood likelihood =
      new AnomalyLikelihood(LikelihoodParameters.defaults());
  private final Random random = new Random(3);

  @Test
  void shouldReportLearningUntilTheLearningPeriodHasPassed() {
    LikelihoodState state = LikelihoodState.empty();
    AnomalyLikelihood.Result result = null;
    for (int i = 0; i < LikelihoodParameters.DEFAULT_LEARNING_PERIOD; i++) {
      result = likelihood.update(state, 1.0);
      state = result.state();
      assertThat(result.learning()).isTrue();
      assertThat(result.likelihood()).isEqualTo(0.5);
    }
    assertThat(likelihood.update(state, 1.0).learning()).isFalse();
  }

  @Test
  void shouldStayLowOnOrdinaryScoresAndRiseOnASustainedJump() {
    LikelihoodState state = LikelihoodState.empty();
    double highest = 0.0;
    for (int i = 0; i < 3_000; i++) {
      AnomalyLikelihood.Result result = likelihood.update(state, 1.0 + 0.2 * random.nextGaussian());
      state = result.state();
      if (!result.learning()) {
        highest = Math.max(highest, result.likelihood());
      }
    }
    double peak = 0.0;
    for (int i = 0; i < 10; i++) {
      AnomalyLikelihood.Result result = likelihood.update(state, 3.0);
      state = result.state();
      peak = Math.max(peak, result.likelihood());
    }
    assertThat(highest).isLessThan(AlertPolicy.DEFAULT_THRESHOLD);
    assertThat(peak).isGreaterThanOrEqualTo(AlertPolicy.DEFAULT_THRESHOLD);
    assertThat(state.recent()).hasSize(LikelihoodParameters.DEFAULT_SHORT_WINDOW);
  }

  @Test
  void shouldCalibrateAnyDetectorAndKeepItsExplanation() {
    CalibratedDetector<?> calibrated =
        CalibratedDetector.of(new EwmaDetector(EwmaParameters.defaults()));
    Assessment last = run(calibrated, 600);

    assertThat(calibrated.name()).isEqualTo(EwmaDetector.NAME);
    assertThat(last.detector()).isEqualTo(EwmaDetector.NAME);
    assertThat(last.warmingUp()).isFalse();
    assertThat(last.expected()).containsKey("value");
    assertThat(last.score()).isBetween(0.0, 1.0);
  }

  private <M> Assessment run(CalibratedDetector<M> detector, int n) {
    CalibratedState<M> model = detector.newModel();
    Assessment last = null;
    for (int i = 0; i < n; i++) {
      Scored<CalibratedState<M>> scored =
          detector.score(
              model, Map.of("value", random.nextGaussian()), Instant.ofEpochSecond(60L * i));
      model = scored.model();
      last = scored.assessment();
    }
    CalibratedStateMapper<M> mapper = (CalibratedStateMapper<M>) detector.mapper();
    assertThat(mapper.fromBytes(mapper.toBytes(model))).isEqualTo(model);
    return last;
  }

  @Test
  void shouldLoadGoldenVersionOneBytesAndRefuseUnknownVersions() {
    LikelihoodStateMapper mapper = new LikelihoodStateMapper();
    LikelihoodState sample = new LikelihoodState(new double[] {1.0, 2.0}, 300, 1.5, 0.25);

    assertThat(mapper.fromBytes(HexFormat.of().parseHex(GOLDEN_V1))).isEqualTo(sample);
    assertThat(HexFormat.of().formatHex(mapper.toBytes(sample))).isEqualTo(GOLDEN_V1);
    byte[] bytes = mapper.toBytes(sample);
    bytes[0] = 2;
    assertThatThrownBy(() -> mapper.fromBytes(bytes))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("unknown likelihood state format version 2");
  }
}
