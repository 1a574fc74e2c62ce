package io.vigil.detect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

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

class KeyScorerMaintenanceTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  /** Minutes 200 to 209 of the series. */
  private static final Maintenance.Calendar WINDOW =
      time ->
          !time.isBefore(START.plus(Duration.ofMinutes(200)))
              && time.isBefore(START.plus(Duration.ofMinutes(210)));

  private final Random random = new Random(5);
  private KeyScorer<EwmaState> scorer;
  private KeyState<EwmaState> state;
  private int minute;

  private void maintenance(boolean suppress, boolean freeze) {
    scorer =
        new KeyScorer<>(
            new EwmaDetector(EwmaParameters.defaults()),
            new ScoringPolicy(
                    new AlertPolicy(AlertPolicy.DEFAULT_THRESHOLD, 50, SeverityBands.defaults()),
                    Duration.ZERO)
                .withMaintenance(new Maintenance(WINDOW, suppress, freeze)));
    state = scorer.newState();
    for (; minute < 200; ) {
      observe(100 + random.nextGaussian());
    }
  }

  private Decision observe(double value) {
    KeyScorer.Step<EwmaState> step =
        scorer.score(state, Map.of("value", value), START.plus(Duration.ofMinutes(minute++)));
    state = step.state();
    return step.decision();
  }

  @Test
  void shouldHoldBackAnAnomalyInTheWindowAndEmitOneAfterIt() {
    maintenance(true, false);
    Decision inWindow = observe(150);
    assertThat(inWindow.suppression()).isEqualTo(SuppressionReason.MAINTENANCE);
    assertThat(inWindow.maintenance()).isTrue();
    minute = 210;
    Decision after = observe(200);
    assertThat(after.alerts()).isTrue();
    assertThat(after.maintenance()).isFalse();
  }

  @Test
  void shouldEmitAnAnomalyInTheWindowMarkedWhenConfiguredToTag() {
    maintenance(false, false);
    Decision inWindow = observe(150);
    assertThat(inWindow.alerts()).isTrue();
    assertThat(inWindow.maintenance()).isTrue();
  }

  @Test
  void shouldKeepLearningInTheWindowUnlessFrozen() {
    maintenance(true, false);
    long before = state.observations();
    observe(101);
    assertThat(state.observations()).isEqualTo(before + 1);

    minute = 0;
    maintenance(true, true);
    KeyState<EwmaState> frozen = state;
    observe(101);
    observe(150);
    assertThat(state.model()).isEqualTo(frozen.model());
    assertThat(state.observations()).isEqualTo(frozen.observations());
  }
}
