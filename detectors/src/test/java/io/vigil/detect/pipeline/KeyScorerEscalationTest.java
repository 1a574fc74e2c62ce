package io.vigil.detect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detect.AlertPolicy;
import io.vigil.detect.SeverityBands;
import io.vigil.detect.ewma.EwmaDetector;
import io.vigil.detect.ewma.EwmaParameters;
import io.vigil.detect.ewma.EwmaState;
import io.vigil.detect.ewma.FeatureStats;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Suppression with escalation, driven by the EWMA detector, whose surprise is set exactly by the
 * spike's z-score (two-sided Gaussian tail): z 5 is about 6.2 nines, z 4.7 about 5.6, z 20 is 1.
 */
class KeyScorerEscalationTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration STEP = Duration.ofMinutes(5);
  private static final Duration WINDOW = Duration.ofHours(6);

  /** One key fed 5 minutes apart under a given escalation. */
  private static final class Key {
    private final KeyScorer<EwmaState> scorer;
    private final Random random = new Random(31);
    private KeyState<EwmaState> state;
    private int index;
    private long suppressedSeen;

    Key(double escalation) {
      scorer =
          new KeyScorer<>(
              new EwmaDetector(EwmaParameters.defaults()),
              new ScoringPolicy(
                  new AlertPolicy(AlertPolicy.DEFAULT_THRESHOLD, 100, SeverityBands.defaults()),
                  WINDOW,
                  escalation));
      state = scorer.newState();
    }

    Decision observe(double value) {
      KeyScorer.Step<EwmaState> step =
          scorer.score(state, Map.of("value", value), START.plus(STEP.multipliedBy(index++)));
      state = step.state();
      suppressedSeen += step.decision().suppressed() ? 1 : 0;
      return step.decision();
    }

    /** A value exactly {@code z} standard deviations above the key's current mean. */
    Decision spike(double z) {
      FeatureStats stats = state.model().feature("value");
      return observe(stats.mean() + z * Math.sqrt(stats.variance()));
    }

    void noise(int count) {
      for (int i = 0; i < count; i++) {
        observe(random.nextGaussian());
      }
    }

    Instant now() {
      return START.plus(STEP.multipliedBy(index));
    }
  }

  private static double nines(Decision decision) {
    return KeyScorer.nines(decision.score());
  }

  @Test
  void shouldSuppressASimilarAnomalyAndEmitOneThatEscalatesWithoutMovingTheWindow() {
    Key key = new Key(2.5);
    key.noise(300);
    Instant opened = key.now();
    Decision first = key.spike(5.0);
    key.noise(3);
    long before = key.suppressedSeen;
    Decision similar = key.spike(4.7);
    key.noise(3);
    long suppressed = key.suppressedSeen;
    Decision worse = key.spike(20.0);

    assertThat(first.alerts()).isTrue();
    assertThat(key.suppressedSeen).isEqualTo(suppressed);
    assertThat(similar.level()).isPresent();
    assertThat(similar.suppressed()).isTrue();
    assertThat(similar.alerts()).isFalse();
    assertThat(nines(similar)).isLessThan(2.5 * nines(first));
    assertThat(suppressed).isGreaterThan(before);
    assertThat(nines(worse)).isGreaterThanOrEqualTo(2.5 * nines(first));
    assertThat(worse.alerts()).isTrue();
    assertThat(worse.suppressedBefore()).isEqualTo(suppressed);
    assertThat(key.state.lastAlert()).isEqualTo(opened);
    assertThat(key.state.suppressed()).isZero();
    assertThat(key.state.incidentPeak()).isEqualTo(nines(worse));
  }

  @Test
  void shouldSuppressAStrongerAnomalyBelowTheEscalationMultiple() {
    Key key = new Key(2.5);
    key.noise(300);
    Decision first = key.spike(5.0);
    key.noise(3);
    Decision stronger = key.spike(7.0);

    assertThat(first.alerts()).isTrue();
    assertThat(nines(stronger)).isGreaterThan(nines(first)).isLessThan(2.5 * nines(first));
    assertThat(stronger.suppressed()).isTrue();
    assertThat(key.state.incidentPeak()).isEqualTo(nines(stronger));
  }

  @Test
  void shouldNeverLetAnAnomalyThroughTheWindowWithEscalationOff() {
    Key key = new Key(0);
    key.noise(300);
    Instant opened = key.now();
    Decision first = key.spike(5.0);
    key.noise(3);
    Decision worse = key.spike(20.0);

    assertThat(first.alerts()).isTrue();
    assertThat(worse.score()).isEqualTo(1.0);
    assertThat(worse.suppressed()).isTrue();
    assertThat(worse.alerts()).isFalse();
    assertThat(key.state.lastAlert()).isEqualTo(opened);
  }

  @Test
  void shouldOpenANewIncidentAfterTheWindow() {
    Key key = new Key(2.5);
    key.noise(300);
    Decision first = key.spike(5.0);
    key.noise(3);
    key.spike(4.7);
    long suppressed = key.suppressedSeen;
    key.noise((int) (WINDOW.dividedBy(STEP)));
    Instant reopened = key.now();
    Decision next = key.spike(4.8);

    assertThat(first.alerts()).isTrue();
    assertThat(suppressed).isPositive();
    assertThat(nines(next)).isLessThan(nines(first));
    assertThat(next.alerts()).isTrue();
    assertThat(next.suppressedBefore()).isEqualTo(key.suppressedSeen);
    assertThat(key.state.lastAlert()).isEqualTo(reopened);
    assertThat(key.state.incidentPeak()).isEqualTo(nines(next));
  }
}
