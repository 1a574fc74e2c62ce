package io.vigil.evaluation;

import io.vigil.detect.Detector;
import io.vigil.detect.ewma.EwmaDetector;
import io.vigil.detect.ewma.EwmaParameters;
import io.vigil.detect.pipeline.Decision;
import io.vigil.detect.pipeline.DetectorCatalog;
import io.vigil.detect.pipeline.KeyScorer;
import io.vigil.detect.pipeline.KeyState;
import io.vigil.detect.pipeline.ScoringPolicy;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The one adapter from Vigil's scoring pipeline to the evaluation: each series goes through a
 * {@link KeyScorer}, the same per-key code the stream processor runs (model, calibration, warm-up,
 * suppression), with the event's single {@code value} feature. The reported score is the pipeline's
 * score, except 0 while the key warms up or when the pipeline suppresses a repeated alert — exactly
 * the observations on which the processor would stay silent whatever the threshold. The threshold
 * itself is what NAB's sweep chooses.
 *
 * @param <M> the detector's model type
 */
public final class DetectorScorer<M> implements StreamingScorer {
  /** The processor's feature name for an event's single value ({@code Event.VALUE_FEATURE}). */
  public static final String VALUE_FEATURE = "value";

  private final String name;
  private final KeyScorer<M> scorer;
  private final String configuration;

  public DetectorScorer(String name, KeyScorer<M> scorer, String configuration) {
    this.name = Objects.requireNonNull(name, "name");
    this.scorer = Objects.requireNonNull(scorer, "scorer");
    this.configuration = Objects.requireNonNull(configuration, "configuration");
  }

  /** The EWMA detector with {@code parameters} and the processor's default policy. */
  public static DetectorScorer<?> ewma(EwmaParameters parameters) {
    return of("ewma", new EwmaDetector(parameters), parameters.toString());
  }

  /** A detector setup of the catalogue with the processor's default policy. */
  public static DetectorScorer<?> of(DetectorCatalog setup) {
    return of(setup.configName(), setup.create(), setup.configName());
  }

  private static <M> DetectorScorer<M> of(String name, Detector<M> detector, String parameters) {
    ScoringPolicy policy = ScoringPolicy.defaults();
    return new DetectorScorer<>(
        name,
        new KeyScorer<>(detector, policy),
        parameters
            + " threshold="
            + policy.alerts().threshold()
            + " warmup="
            + policy.alerts().warmup()
            + " suppression="
            + policy.suppression());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String configuration() {
    return configuration;
  }

  @Override
  public SeriesScorer newSeries() {
    SeriesDecisions decisions = newDecisions();
    return (time, value) -> decisions.decide(time, value).alertableScore();
  }

  /** The pipeline's whole decision per observation of a series not observed yet. */
  public SeriesDecisions newDecisions() {
    return new SeriesDecisions() {
      private KeyState<M> state = scorer.newState();

      @Override
      public Decision decide(Instant time, double value) {
        KeyScorer.Step<M> step = scorer.score(state, Map.of(VALUE_FEATURE, value), time);
        state = step.state();
        return step.decision();
      }
    };
  }

  /** The online decisions of one series, as the processor makes them for one key. */
  @FunctionalInterface
  public interface SeriesDecisions {
    /** Scores {@code value} observed at {@code time}, then learns it. */
    Decision decide(Instant time, double value);
  }
}
