package io.vigil.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.ingest.generate.AnomalyKind;
import io.vigil.ingest.generate.GeneratorConfig;
import io.vigil.ingest.generate.InjectedAnomaly;
import java.util.List;
import org.junit.jupiter.api.Test;

class InjectionPlanTest {
  private final GeneratorConfig config =
      GeneratorConfig.builder().seriesCount(20).eventsPerSecond(100).historyEvents(2880).build();

  @Test
  void shouldPlaceOneAnomalyPerSeriesFiveLiveSecondsApartAfterTheHistory() {
    List<AnomalyKind> kinds = List.of(AnomalyKind.SPIKE, AnomalyKind.LEVEL_SHIFT);

    InjectionPlan plan = InjectionPlan.of(config, 9, kinds);

    assertThat(plan.anomalies()).hasSize(9);
    assertThat(plan.anomalies().stream().map(InjectedAnomaly::key).distinct()).hasSize(9);
    // 5 events per series and second: the k-th anomaly is 25 k events into the live run.
    assertThat(plan.anomalies().stream().map(InjectedAnomaly::atIndex))
        .containsExactly(2905L, 2930L, 2955L, 2980L, 3005L, 3030L, 3055L, 3080L, 3105L);
    assertThat(plan.anomalies().stream().map(InjectedAnomaly::kind))
        .containsExactly(
            AnomalyKind.SPIKE,
            AnomalyKind.LEVEL_SHIFT,
            AnomalyKind.SPIKE,
            AnomalyKind.LEVEL_SHIFT,
            AnomalyKind.SPIKE,
            AnomalyKind.LEVEL_SHIFT,
            AnomalyKind.SPIKE,
            AnomalyKind.LEVEL_SHIFT,
            AnomalyKind.SPIKE);
    assertThat(plan.anomalies())
        .allSatisfy(
            a -> assertThat(Math.abs(a.magnitude())).isEqualTo(InjectionPlan.magnitude(a.kind())));
    assertThat(plan.lastSecond()).isEqualTo(45);
    assertThat(InjectionPlan.of(config, 9, kinds)).isEqualTo(plan);
  }

  @Test
  void shouldInjectAtMostOnePerSeriesAndNothingWhenAskedForNone() {
    GeneratorConfig few = config.toBuilder().seriesCount(4).build();

    assertThat(InjectionPlan.of(few, 9, List.of(AnomalyKind.SPIKE)).anomalies()).hasSize(4);
    assertThat(InjectionPlan.of(config, 0, List.of(AnomalyKind.SPIKE)).anomalies()).isEmpty();
  }
}
