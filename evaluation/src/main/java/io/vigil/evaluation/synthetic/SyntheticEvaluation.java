package io.vigil.evaluation.synthetic;

import io.vigil.evaluation.DetectorScorer;
import io.vigil.evaluation.DetectorScorer.SeriesDecisions;
import java.util.List;
import java.util.Objects;

/**
 * Runs a {@link Scenario}: every event the source generates goes through the processor's per-key
 * pipeline ({@link DetectorScorer}: detector, calibration, warm-up, threshold, suppression), one
 * fresh model per series, and the decisions are tallied against the source's labels.
 */
public final class SyntheticEvaluation {
  private SyntheticEvaluation() {}

  /** The result: the figures and the number of events scored. */
  public record Result(DetectionReport report, long events, List<Injection> injections) {
    public Result {
      Objects.requireNonNull(report, "report");
      injections = List.copyOf(injections);
    }
  }

  public static Result run(Scenario scenario, SeriesSource source, DetectorScorer<?> scorer) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(scorer, "scorer");
    SeriesDecisions[] series = new SeriesDecisions[scenario.series()];
    for (int i = 0; i < series.length; i++) {
      series[i] = scorer.newDecisions();
    }
    DetectionTally tally = new DetectionTally(scenario.series());
    List<Injection> injections =
        source.emit(
            scenario,
            (s, index, time, value) -> tally.record(s, index, series[s].decide(time, value)));
    return new Result(
        tally.report(scenario.kinds(), injections, scenario.grace()), tally.events(), injections);
  }
}
