package io.vigil.detect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.detect.Detector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DetectorCatalogTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void shouldResolveConfigurationNames() {
    assertThat(DetectorCatalog.byName("seasonal-weekly"))
        .isEqualTo(DetectorCatalog.SEASONAL_WEEKLY);
    assertThat(DetectorCatalog.byName(" Ensemble ")).isEqualTo(DetectorCatalog.ENSEMBLE);
    assertThatThrownBy(() -> DetectorCatalog.byName("lstm"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown detector lstm")
        .hasMessageContaining("seasonal-weekly");
  }

  @Test
  void shouldNotAlertOnNoiseButAlertOnceOnASpikeWithTheRecommendedEnsemble() {
    List<Decision> alerts = run(DetectorCatalog.ENSEMBLE.create(), 2_000);
    assertThat(alerts).hasSize(1);
    Decision spike = alerts.get(0);
    assertThat(spike.detector()).isIn("seasonal", "rcf");
    assertThat(spike.assessment().expected()).containsKey("value");
    assertThat(spike.assessment().attribution()).containsEntry("value", 1.0);
  }

  /** Gaussian noise for {@code n} minutes, then a 12σ spike; returns the emitted alerts. */
  private static <M> List<Decision> run(Detector<M> detector, int n) {
    KeyScorer<M> scorer = new KeyScorer<>(detector, ScoringPolicy.defaults());
    KeyState<M> state = scorer.newState();
    Random random = new Random(21);
    List<Decision> alerts = new ArrayList<>();
    for (int i = 0; i <= n; i++) {
      double value = i == n ? 112.0 : 100.0 + random.nextGaussian();
      KeyScorer.Step<M> step =
          scorer.score(state, Map.of("value", value), START.plus(Duration.ofMinutes(i)));
      state = step.state();
      if (step.decision().alerts()) {
        alerts.add(step.decision());
      }
    }
    KeyStateMapper<M> mapper = scorer.mapper();
    assertThat(mapper.fromBytes(mapper.toBytes(state)).observations()).isEqualTo(n + 1L);
    return alerts;
  }
}
