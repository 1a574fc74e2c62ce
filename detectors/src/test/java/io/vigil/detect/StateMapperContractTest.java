package io.vigil.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.detect.adaptive.AdaptiveDetector;
import io.vigil.detect.calibration.AnomalyLikelihood;
import io.vigil.detect.calibration.CalibratedDetector;
import io.vigil.detect.calibration.CalibratedState;
import io.vigil.detect.calibration.LikelihoodParameters;
import io.vigil.detect.calibration.LikelihoodState;
import io.vigil.detect.calibration.LikelihoodStateMapper;
import io.vigil.detect.ensemble.EnsembleDetector;
import io.vigil.detect.ensemble.EnsembleState;
import io.vigil.detect.ewma.EwmaDetector;
import io.vigil.detect.ewma.EwmaParameters;
import io.vigil.detect.ewma.EwmaState;
import io.vigil.detect.pipeline.KeyScorer;
import io.vigil.detect.pipeline.KeyState;
import io.vigil.detect.pipeline.ScoringPolicy;
import io.vigil.detect.range.RangeDetector;
import io.vigil.detect.range.RangeState;
import io.vigil.detect.range.RangeStateMapper;
import io.vigil.detect.rcf.RcfDetector;
import io.vigil.detect.rcf.RcfParameters;
import io.vigil.detect.seasonal.SeasonalDetector;
import io.vigil.detect.seasonal.SeasonalParameters;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every state mapper of the module promises, and golden bytes of those that had none. */
class StateMapperContractTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final int EVENTS = 300;

  /** A mapper and the bytes of a state it wrote after {@link #EVENTS} events. */
  record Case(String name, StateMapper<?> mapper, byte[] learned) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Map<String, Double> event(Random random, int i) {
    return Map.of(
        "value", 100 + 10 * Math.sin(2 * Math.PI * i / 288.0) + random.nextGaussian(),
        "rate", 5 + random.nextGaussian());
  }

  private static <M> Case detector(String name, Detector<M> detector) {
    Random random = new Random(name.hashCode());
    M model = detector.newModel();
    for (int i = 0; i < EVENTS; i++) {
      model = detector.score(model, event(random, i), START.plusSeconds(300L * i)).model();
    }
    return new Case(name, detector.mapper(), detector.mapper().toBytes(model));
  }

  private static Case likelihood() {
    Random random = new Random(7);
    AnomalyLikelihood likelihood = new AnomalyLikelihood(LikelihoodParameters.defaults());
    LikelihoodState state = LikelihoodState.empty();
    for (int i = 0; i < EVENTS; i++) {
      state = likelihood.update(state, Math.abs(random.nextGaussian())).state();
    }
    LikelihoodStateMapper mapper = new LikelihoodStateMapper();
    return new Case("likelihood", mapper, mapper.toBytes(state));
  }

  private static <M> Case key(Detector<M> detector) {
    Random random = new Random(8);
    KeyScorer<M> scorer = new KeyScorer<>(detector, ScoringPolicy.defaults());
    KeyState<M> state = scorer.newState();
    for (int i = 0; i < EVENTS; i++) {
      Map<String, Double> features =
          i == 250 ? Map.of("value", 1e4, "rate", 5.0) : event(random, i);
      state = scorer.score(state, features, START.plusSeconds(300L * i)).state();
    }
    return new Case("key", scorer.mapper(), scorer.mapper().toBytes(state));
  }

  static Stream<Case> mappers() {
    return Stream.of(
        detector("ewma", new EwmaDetector(EwmaParameters.defaults())),
        detector("seasonal", new SeasonalDetector(SeasonalParameters.daily())),
        detector("rcf", new RcfDetector(RcfParameters.defaults())),
        detector("range", RangeDetector.defaults()),
        detector("calibrated", CalibratedDetector.of(RangeDetector.defaults())),
        likelihood(),
        detector(
            "ensemble",
            EnsembleDetector.of(
                CalibratedDetector.of(new SeasonalDetector(SeasonalParameters.daily())),
                CalibratedDetector.of(new RcfDetector(RcfParameters.defaults())),
                CalibratedDetector.of(RangeDetector.defaults()))),
        key(AdaptiveDetector.defaults()),
        detector("adaptive", AdaptiveDetector.defaults()));
  }

  private static <M> byte[] reencode(StateMapper<M> mapper, byte[] bytes) {
    return mapper.toBytes(mapper.fromBytes(bytes));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mappers")
  void shouldRoundTripALearnedStateToTheSameBytes(Case c) {
    assertThat(c.learned()).hasSizeGreaterThan(1);
    assertThat(c.learned()[0]).isEqualTo((byte) c.mapper().version());
    assertThat(reencode(c.mapper(), c.learned())).isEqualTo(c.learned());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mappers")
  void shouldRefuseTheNextVersionNamingIt(Case c) {
    byte[] bytes = c.learned().clone();
    int next = c.mapper().version() + 1;
    bytes[0] = (byte) next;

    assertThatThrownBy(() -> c.mapper().fromBytes(bytes))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("format version " + next);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mappers")
  void shouldRefuseEmptyBytes(Case c) {
    assertThatThrownBy(() -> c.mapper().fromBytes(new byte[0]))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("empty");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mappers")
  void shouldRefuseTruncatedBytes(Case c) {
    byte[] truncated = Arrays.copyOf(c.learned(), c.learned().length - 1);

    assertThatThrownBy(() -> c.mapper().fromBytes(truncated))
        .isInstanceOf(StateFormatException.class);
  }

  // Golden bytes: hand-made small states in format v1, pinned so that format changes are caught.

  private static final RangeState RANGE =
      new RangeState(Map.of("value", new RangeState.Feature(3, 2.0, 0.5, 1.0, 3.0)));
  private static final String RANGE_V1 =
      "01" // version
          + "00000001" // one feature
          + "000576616c7565" // "value"
          + "0000000000000003" // count 3
          + "4000000000000000" // mean 2.0
          + "3fe0000000000000" // spread 0.5
          + "3ff0000000000000" // min 1.0
          + "4008000000000000"; // max 3.0

  private static final LikelihoodState LIKELIHOOD =
      new LikelihoodState(new double[] {0.5, 1.5}, 7, 1.0, 0.25);
  private static final String LIKELIHOOD_V1 =
      "01" // version
          + "00000002" // two recent raw scores
          + "3fe0000000000000" // 0.5
          + "3ff8000000000000" // 1.5
          + "0000000000000007" // count 7
          + "3ff0000000000000" // mean 1.0
          + "3fd0000000000000"; // variance 0.25

  private static <M> void assertGolden(StateMapper<M> mapper, M state, String golden) {
    assertThat(HexFormat.of().formatHex(mapper.toBytes(state))).isEqualTo(golden);
    assertThat(mapper.fromBytes(HexFormat.of().parseHex(golden))).isEqualTo(state);
  }

  private static String blob(String hex) {
    return String.format("%08x", hex.length() / 2) + hex;
  }

  @Test
  void shouldWriteAndReadGoldenRangeBytes() {
    assertGolden(new RangeStateMapper(), RANGE, RANGE_V1);
  }

  @Test
  void shouldWriteAndReadGoldenLikelihoodBytes() {
    assertGolden(new LikelihoodStateMapper(), LIKELIHOOD, LIKELIHOOD_V1);
  }

  @Test
  void shouldWriteAndReadGoldenCalibratedBytes() {
    CalibratedDetector<RangeState> calibrated = CalibratedDetector.of(RangeDetector.defaults());
    String golden =
        "01" // version
            + "0000002d" // likelihood blob, 45 bytes
            + LIKELIHOOD_V1
            + "00000034" // range blob, 52 bytes
            + RANGE_V1;

    assertThat(golden).isEqualTo("01" + blob(LIKELIHOOD_V1) + blob(RANGE_V1));
    assertGolden(calibrated.mapper(), new CalibratedState<>(RANGE, LIKELIHOOD), golden);
  }

  @Test
  void shouldWriteAndReadGoldenEnsembleBytes() {
    EnsembleDetector ensemble =
        EnsembleDetector.of(RangeDetector.defaults(), new EwmaDetector(EwmaParameters.defaults()));
    String golden =
        "01" // version
            + "00000002" // two members
            + "000572616e6765" // "range"
            + "00000034" // its model, 52 bytes
            + RANGE_V1
            + "000465776d61" // "ewma"
            + "00000006" // its model, 6 bytes
            + "010000000000"; // the empty EWMA model

    assertGolden(ensemble.mapper(), new EnsembleState(List.of(RANGE, EwmaState.empty())), golden);
  }
}
