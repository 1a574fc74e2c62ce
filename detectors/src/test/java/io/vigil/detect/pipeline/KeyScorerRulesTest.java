package io.vigil.detect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.detect.AlertLevel;
import io.vigil.detect.AlertPolicy;
import io.vigil.detect.SeverityBands;
import io.vigil.detect.ewma.EwmaDetector;
import io.vigil.detect.ewma.EwmaParameters;
import io.vigil.detect.ewma.EwmaState;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyScorerRulesTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final double INF = Double.POSITIVE_INFINITY;

  private final Random random = new Random(3);
  private KeyScorer<EwmaState> scorer;
  private KeyState<EwmaState> state;
  private int minute;

  private void rules(AlertRules rules) {
    scorer =
        new KeyScorer<>(
            new EwmaDetector(EwmaParameters.defaults()),
            new ScoringPolicy(
                    new AlertPolicy(AlertPolicy.DEFAULT_THRESHOLD, 50, SeverityBands.defaults()),
                    Duration.ZERO)
                .withRules(rules));
    state = scorer.newState();
  }

  private static AlertRules all(FeatureRule rule) {
    return AlertRules.of(rule, Map.of(), AlertLevel.LOW, OutOfRange.ANOMALY);
  }

  private Decision observe(double value) {
    return observe(Map.of("value", value));
  }

  private Decision observe(Map<String, Double> values) {
    KeyScorer.Step<EwmaState> step =
        scorer.score(state, values, START.plus(Duration.ofMinutes(minute++)));
    state = step.state();
    return step.decision();
  }

  /** 200 observations around 100 with a standard deviation of about 1. */
  private void learn() {
    for (int i = 0; i < 200; i++) {
      observe(100 + random.nextGaussian());
    }
  }

  @Test
  void shouldHoldBackAnAnomalyWithinTheAbsoluteMarginAndEmitOneBeyondIt() {
    rules(all(new FeatureRule(20, 0, Direction.BOTH, -INF, INF)));
    learn();
    Decision small = observe(112);
    assertThat(small.level()).isPresent();
    assertThat(small.suppression()).isEqualTo(SuppressionReason.MARGIN);
    assertThat(small.alerts()).isFalse();
    assertThat(small.alertableScore()).isZero();
    Decision large = observe(125);
    assertThat(large.alerts()).isTrue();
  }

  @Test
  void shouldRequireBothMarginsWhenBothAreSet() {
    // 10 % of 100 is 10; the absolute margin 15 is the larger one.
    rules(all(new FeatureRule(15, 0.10, Direction.BOTH, -INF, INF)));
    learn();
    assertThat(observe(112).suppression()).isEqualTo(SuppressionReason.MARGIN);
    learn();
    assertThat(observe(116).alerts()).isTrue();
  }

  @Test
  void shouldApplyTheRelativeMarginToTheExpectedValue() {
    rules(all(new FeatureRule(0, 0.20, Direction.BOTH, -INF, INF)));
    learn();
    assertThat(observe(115).suppression()).isEqualTo(SuppressionReason.MARGIN);
    learn();
    assertThat(observe(125).alerts()).isTrue();
  }

  @Test
  void shouldReportOnlySpikesWhenTheDirectionIsUp() {
    rules(all(new FeatureRule(0, 0, Direction.UP, -INF, INF)));
    learn();
    Decision dip = observe(70);
    assertThat(dip.level()).isPresent();
    assertThat(dip.suppression()).isEqualTo(SuppressionReason.DIRECTION);
    learn();
    assertThat(observe(130).alerts()).isTrue();
  }

  @Test
  void shouldReportOnlyDipsWhenTheDirectionIsDown() {
    rules(all(new FeatureRule(0, 0, Direction.DOWN, -INF, INF)));
    learn();
    assertThat(observe(130).suppression()).isEqualTo(SuppressionReason.DIRECTION);
    learn();
    assertThat(observe(70).alerts()).isTrue();
  }

  @Test
  void shouldApplyAFeaturesOwnRuleInsteadOfTheRuleForAll() {
    FeatureRule upOnly = new FeatureRule(0, 0, Direction.UP, -INF, INF);
    rules(
        AlertRules.of(
            new FeatureRule(0, 0, Direction.DOWN, -INF, INF),
            Map.of("cpu", upOnly),
            AlertLevel.LOW,
            OutOfRange.ANOMALY));
    for (int i = 0; i < 200; i++) {
      observe(Map.of("cpu", 50 + random.nextGaussian(), "mem", 50 + random.nextGaussian()));
    }
    // cpu up is allowed by its own rule; mem up is not allowed by the rule for all.
    assertThat(observe(Map.of("cpu", 80.0, "mem", 50.0)).alerts()).isTrue();
    for (int i = 0; i < 200; i++) {
      observe(Map.of("cpu", 50 + random.nextGaussian(), "mem", 50 + random.nextGaussian()));
    }
    assertThat(observe(Map.of("cpu", 50.0, "mem", 80.0)).suppression())
        .isEqualTo(SuppressionReason.DIRECTION);
  }

  @Test
  void shouldHoldBackAnomaliesBelowTheMinimumSeverity() {
    rules(AlertRules.of(FeatureRule.NONE, Map.of(), AlertLevel.CRITICAL, OutOfRange.ANOMALY));
    learn();
    Decision modest = observe(106);
    assertThat(modest.level())
        .hasValueSatisfying(l -> assertThat(l).isLessThan(AlertLevel.CRITICAL));
    assertThat(modest.suppression()).isEqualTo(SuppressionReason.SEVERITY);
    learn();
    Decision huge = observe(200);
    assertThat(huge.level()).contains(AlertLevel.CRITICAL);
    assertThat(huge.alerts()).isTrue();
  }

  @Test
  void shouldMakeAValueOutsideItsRangeACriticalAnomalyEvenInWarmupWithoutLearningIt() {
    rules(all(new FeatureRule(0, 0, Direction.BOTH, 0, 100)));
    observe(50);
    KeyState<EwmaState> before = state;
    Decision outside = observe(100.5);
    assertThat(outside.alerts()).isTrue();
    assertThat(outside.warmingUp()).isFalse();
    assertThat(outside.score()).isEqualTo(1.0);
    assertThat(outside.level()).contains(AlertLevel.CRITICAL);
    assertThat(outside.assessment().explanation()).contains("'value' = 100.5", "maximum 100.0");
    assertThat(state.model()).isEqualTo(before.model());
    assertThat(state.observations()).isEqualTo(before.observations());
    // The bounds themselves are physical values.
    assertThat(observe(100).level()).isEmpty();
    assertThat(observe(0).level()).isEmpty();
  }

  @Test
  void shouldRejectAValueOutsideItsRangeWhenConfiguredToDeadLetter() {
    rules(
        AlertRules.of(
            new FeatureRule(0, 0, Direction.BOTH, 0, 100),
            Map.of(),
            AlertLevel.LOW,
            OutOfRange.DEAD_LETTER));
    observe(50);
    KeyState<EwmaState> before = state;
    Decision rejected = observe(-1);
    assertThat(rejected.rejected()).isTrue();
    assertThat(rejected.rejection()).contains("'value' = -1.0 is below its range minimum 0.0");
    assertThat(rejected.alerts()).isFalse();
    assertThat(state).isSameAs(before);
  }

  @Test
  void shouldNotCountARuleSuppressionAsARepeatOrOpenAnIncident() {
    scorer =
        new KeyScorer<>(
            new EwmaDetector(EwmaParameters.defaults()),
            new ScoringPolicy(
                    new AlertPolicy(AlertPolicy.DEFAULT_THRESHOLD, 50, SeverityBands.defaults()),
                    Duration.ofHours(1))
                .withRules(all(new FeatureRule(0, 0, Direction.UP, -INF, INF))));
    state = scorer.newState();
    learn();
    assertThat(observe(60).suppression()).isEqualTo(SuppressionReason.DIRECTION);
    assertThat(state.lastAlert()).isNull();
    assertThat(state.suppressed()).isZero();
    Decision spike = observe(140);
    assertThat(spike.alerts()).isTrue();
    assertThat(spike.suppressedBefore()).isZero();
  }

  @Test
  void shouldRefuseAnInvertedRangeOrANegativeMargin() {
    assertThatThrownBy(() -> new FeatureRule(0, 0, Direction.BOTH, 5, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("min <= max");
    assertThatThrownBy(() -> new FeatureRule(-1, 0, Direction.BOTH, -INF, INF))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("absolute margin");
  }
}
