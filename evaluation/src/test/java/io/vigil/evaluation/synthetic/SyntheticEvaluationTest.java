package io.vigil.evaluation.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detect.pipeline.DetectorCatalog;
import io.vigil.evaluation.DetectorScorer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SyntheticEvaluationTest {

  /** Gaussian noise around 100; a planned spike adds its magnitude to one event. */
  private static final SeriesSource SPIKES =
      (scenario, observer) -> {
        List<Injection> labels = new ArrayList<>();
        List<PlannedInjection> plan = scenario.plan();
        Random random = new Random(scenario.seed());
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        for (long i = 0; i < scenario.eventsPerSeries(); i++) {
          for (int s = 0; s < scenario.series(); s++) {
            double value = 100 + scenario.signal().noise() * random.nextGaussian();
            for (PlannedInjection p : plan) {
              if (p.series() == s && p.atIndex() == i) {
                value += p.magnitude();
                labels.add(new Injection(s, p.kind(), i, i));
              }
            }
            observer.observe(s, i, start.plus(scenario.signal().step().multipliedBy(i)), value);
          }
        }
        return labels;
      };

  @Test
  void shouldRunEveryEventThroughThePipelineAndFindLargeSpikes() {
    Scenario scenario =
        new Scenario(4, 2000, 0.5, List.of("spike"), 400, 500, 1, 30, 5, 1, ScenarioTest.SIGNAL);

    SyntheticEvaluation.Result result =
        SyntheticEvaluation.run(scenario, SPIKES, DetectorScorer.of(DetectorCatalog.EWMA));

    assertThat(result.events()).isEqualTo(4 * 2000);
    assertThat(result.injections()).hasSize(scenario.plan().size()).hasSizeGreaterThan(4);
    KindResult spike = result.report().kind("spike");
    assertThat(spike.injections()).isEqualTo(scenario.plan().size());
    assertThat(spike.recall()).isEqualTo(1.0);
    assertThat(spike.medianDelay()).isZero();
    assertThat(result.report().cleanEvents()).isEqualTo(2 * 2000);
  }

  @Test
  void shouldGiveTheSameFiguresWhateverTheBatchTheSeriesAreScoredInParallelIn() {
    Scenario scenario =
        new Scenario(6, 1500, 0.5, List.of("spike"), 400, 500, 1, 4, 5, 3, ScenarioTest.SIGNAL);
    DetectorScorer<?> scorer = DetectorScorer.of(DetectorCatalog.EWMA);

    SyntheticEvaluation.Result whole = SyntheticEvaluation.run(scenario, SPIKES, scorer);
    SyntheticEvaluation.Result batched = SyntheticEvaluation.run(scenario, SPIKES, scorer, 97);

    assertThat(batched.report()).isEqualTo(whole.report());
    assertThat(whole.report().all().detected()).isPositive();
    assertThat(whole.report().all().detected()).isLessThan(whole.report().all().injections());
  }
}
