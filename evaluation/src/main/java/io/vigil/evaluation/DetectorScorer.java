package io.vigil.evaluation;

import io.vigil.detect.AlertPolicy;
import io.vigil.detect.Assessment;
import io.vigil.detect.Detector;
import io.vigil.detect.Scored;
import io.vigil.detect.ewma.EwmaDetector;
import io.vigil.detect.ewma.EwmaParameters;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The one adapter from Vigil's detector API to the evaluation: scores as the stream processor does
 * (one model per key, {@link Detector#score} with the event's single {@code value} feature, the
 * returned model kept for the next event) and reports the calibrated score, or 0 while {@link
 * AlertPolicy} would not let the key alert because it is warming up. The alert threshold itself is
 * what NAB's sweep chooses, so it is not applied here.
 *
 * @param <M> the detector's model type
 */
public final class DetectorScorer<M> implements StreamingScorer {
  /** The processor's feature name for an event's single value ({@code Event.VALUE_FEATURE}). */
  static final String VALUE_FEATURE = "value";

  private final Detector<M> detector;
  private final AlertPolicy policy;
  private final String configuration;

  public DetectorScorer(Detector<M> detector, AlertPolicy policy, String configuration) {
    this.detector = Objects.requireNonNull(detector, "detector");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.configuration = Objects.requireNonNull(configuration, "configuration");
  }

  /** The EWMA detector with {@code parameters} and the processor's default alert policy. */
  public static DetectorScorer<?> ewma(EwmaParameters parameters) {
    AlertPolicy policy = AlertPolicy.defaults();
    return new DetectorScorer<>(
        new EwmaDetector(parameters), policy, parameters + " warmup=" + policy.warmup());
  }

  @Override
  public String name() {
    return detector.name();
  }

  @Override
  public String configuration() {
    return configuration;
  }

  @Override
  public SeriesScorer newSeries() {
    return new SeriesScorer() {
      private M model = detector.newModel();

      @Override
      public double score(Instant time, double value) {
        Scored<M> scored = detector.score(model, Map.of(VALUE_FEATURE, value), time);
        model = scored.model();
        Assessment assessment = scored.assessment();
        boolean warmingUp = assessment.warmingUp() || assessment.observations() < policy.warmup();
        return warmingUp ? 0.0 : assessment.score();
      }
    };
  }
}
