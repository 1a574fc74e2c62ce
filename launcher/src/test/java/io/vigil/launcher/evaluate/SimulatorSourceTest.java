package io.vigil.launcher.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.evaluation.synthetic.Injection;
import io.vigil.evaluation.synthetic.PlannedInjection;
import io.vigil.evaluation.synthetic.Scenario;
import io.vigil.evaluation.synthetic.Signal;
import io.vigil.ingest.generate.AnomalyKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorSourceTest {
  private static final List<String> ALL =
      Arrays.stream(AnomalyKind.values()).map(SimulatorSource::name).toList();
  private static final Scenario SCENARIO =
      new Scenario(
          12,
          1200,
          0.5,
          ALL,
          200,
          400,
          30,
          15,
          10,
          5,
          new Signal(100, Duration.ofDays(1), 10, 1, Duration.ofMinutes(5)));

  private record Seen(int series, long index, Instant time, double value) {}

  private static List<Seen> seen(List<Injection> labels) {
    List<Seen> seen = new ArrayList<>();
    labels.addAll(
        new SimulatorSource().emit(SCENARIO, (s, i, t, v) -> seen.add(new Seen(s, i, t, v))));
    return seen;
  }

  @Test
  void shouldLabelEveryPlannedInjectionAtItsPlannedEvents() {
    List<Injection> labels = new ArrayList<>();
    seen(labels);

    List<Injection> expected =
        SCENARIO.plan().stream()
            .map(
                p ->
                    new Injection(
                        p.series(),
                        p.kind(),
                        p.atIndex(),
                        p.atIndex() + (p.kind().equals("spike") ? 0 : p.length() - 1)))
            .toList();
    assertThat(labels).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(labels).extracting(Injection::kind).containsAll(ALL);
  }

  @Test
  void shouldEmitEveryEventOfEverySeriesInOrderOneStepApart() {
    List<Seen> seen = seen(new ArrayList<>());

    assertThat(seen).hasSize(12 * 1200);
    for (int s = 0; s < 12; s++) {
      int series = s;
      List<Seen> own = seen.stream().filter(e -> e.series() == series).toList();
      assertThat(own).extracting(Seen::index).containsExactlyElementsOf(range(1200));
      assertThat(own.get(1).time()).isEqualTo(own.get(0).time().plus(Duration.ofMinutes(5)));
    }
  }

  @Test
  void shouldMoveASpikedSeriesByTheMagnitudeAtTheSpikeAndNowhereElse() {
    // The same placement with magnitude 0: every spike adds nothing, so the series is normal.
    Scenario flat = new Scenario(12, 1200, 0.5, ALL, 200, 400, 30, 0, 10, 5, SCENARIO.signal());
    List<Seen> spiked = seen(new ArrayList<>());
    List<Seen> normal = new ArrayList<>();
    new SimulatorSource().emit(flat, (s, i, t, v) -> normal.add(new Seen(s, i, t, v)));

    int spikeSeries = ALL.indexOf("spike");
    List<PlannedInjection> spikes =
        SCENARIO.plan().stream().filter(p -> p.series() == spikeSeries).toList();
    assertThat(spikes).isNotEmpty();
    for (int n = 0; n < spiked.size(); n++) {
      Seen a = spiked.get(n);
      Seen b = normal.get(n);
      if (a.series() != spikeSeries) {
        continue;
      }
      PlannedInjection at =
          spikes.stream().filter(p -> p.atIndex() == a.index()).findFirst().orElse(null);
      assertThat(a.value() - b.value())
          .as("event %d", a.index())
          .isCloseTo(at == null ? 0 : at.magnitude(), org.assertj.core.api.Assertions.within(1e-9));
    }
  }

  private static List<Long> range(int n) {
    List<Long> values = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      values.add(i);
    }
    return values;
  }
}
