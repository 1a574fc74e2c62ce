package io.vigil.evaluation.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScenarioTest {
  static final Signal SIGNAL = new Signal(100, Duration.ofDays(1), 10, 1, Duration.ofMinutes(5));
  static final List<String> KINDS = List.of("spike", "level-shift", "flatline");

  static Scenario scenario(int series, int events, double cleanShare, int spacing, long seed) {
    return new Scenario(series, events, cleanShare, KINDS, 400, spacing, 30, 15, 10, seed, SIGNAL);
  }

  @Test
  void shouldGiveEachInjectedSeriesOneKindAndLeaveTheCleanShareWithout() {
    Scenario scenario = scenario(10, 3600, 0.4, 500, 1);

    assertThat(scenario.cleanSeries()).isEqualTo(4);
    assertThat(scenario.injectedSeries()).isEqualTo(6);
    Map<Integer, List<String>> kindsBySeries =
        scenario.plan().stream()
            .collect(
                Collectors.groupingBy(
                    PlannedInjection::series,
                    Collectors.mapping(PlannedInjection::kind, Collectors.toList())));
    assertThat(kindsBySeries).containsOnlyKeys(0, 1, 2, 3, 4, 5);
    kindsBySeries.forEach(
        (series, kinds) -> assertThat(kinds).containsOnly(KINDS.get(series % KINDS.size())));
    assertThat(scenario.kindOf(7)).isNull();
  }

  @Test
  void shouldStartInjectionsAfterTheFirstEventAndKeepEveryWindowApartAndInsideTheSeries() {
    Scenario scenario = scenario(10, 3600, 0.4, 500, 7);
    List<PlannedInjection> plan = scenario.plan();

    assertThat(plan).hasSize(6 * 7);
    for (int s = 0; s < scenario.injectedSeries(); s++) {
      int series = s;
      List<PlannedInjection> own = plan.stream().filter(p -> p.series() == series).toList();
      assertThat(own.get(0).atIndex()).isGreaterThanOrEqualTo(400);
      assertThat(own.get(own.size() - 1).atIndex() + 30 + 10).isLessThanOrEqualTo(3600);
      for (int j = 1; j < own.size(); j++) {
        long gap = own.get(j).atIndex() - (own.get(j - 1).atIndex() + 30 + 10);
        assertThat(gap).isGreaterThanOrEqualTo(Scenario.MIN_SETTLE);
      }
    }
    assertThat(plan).extracting(p -> Math.abs(p.magnitude())).containsOnly(15.0);
    assertThat(plan).extracting(PlannedInjection::magnitude).contains(15.0, -15.0);
  }

  @Test
  void shouldPlanTheSameInjectionsForTheSameSeedAndOthersForAnother() {
    assertThat(scenario(10, 3600, 0.4, 500, 3).plan())
        .isEqualTo(scenario(10, 3600, 0.4, 500, 3).plan())
        .isNotEqualTo(scenario(10, 3600, 0.4, 500, 4).plan());
  }

  @Test
  void shouldRejectAnInjectionDuringWarmUpTooCloseSpacingAndTooFewSeriesAtOnce() {
    assertThatThrownBy(() -> new Scenario(2, 300, 0.5, KINDS, 100, 120, 30, 15, 10, 1, SIGNAL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("first injection must start at event 150 or later")
        .hasMessageContaining("spacing 120 leaves fewer than 100 normal events")
        .hasMessageContaining("1 series with injections for 3 kinds");
  }

  @Test
  void shouldRejectSeriesTooShortForOneInjection() {
    assertThatThrownBy(() -> scenario(10, 450, 0.4, 500, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("events 450 per series leave no room for an injection");
  }
}
