package io.vigil.detect.calibration;

import io.vigil.detect.Assessment;
import io.vigil.detect.Detector;
import io.vigil.detect.Scored;
import io.vigil.detect.StateMapper;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Any detector with its calibrated score replaced by the {@link AnomalyLikelihood} of its raw
 * scores. The likelihood learns only once the inner detector is past its warm-up (its early raw
 * scores say nothing), and the assessment stays {@code warmingUp} until the likelihood has learned
 * its {@code learningPeriod} as well. Keeps the inner detector's name, expectations and
 * attribution.
 */
public final class CalibratedDetector<M> implements Detector<CalibratedState<M>> {
  private final Detector<M> inner;
  private final AnomalyLikelihood likelihood;
  private final CalibratedStateMapper<M> mapper;

  public CalibratedDetector(Detector<M> inner, LikelihoodParameters parameters) {
    this.inner = Objects.requireNonNull(inner, "inner");
    this.likelihood = new AnomalyLikelihood(parameters);
    this.mapper = new CalibratedStateMapper<>(inner.mapper());
  }

  public static <M> CalibratedDetector<M> of(Detector<M> inner) {
    return new CalibratedDetector<>(inner, LikelihoodParameters.defaults());
  }

  public Detector<M> inner() {
    return inner;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public CalibratedState<M> newModel() {
    return new CalibratedState<>(inner.newModel(), LikelihoodState.empty());
  }

  @Override
  public StateMapper<CalibratedState<M>> mapper() {
    return mapper;
  }

  @Override
  public Scored<CalibratedState<M>> score(
      CalibratedState<M> model, Map<String, Double> features, Instant time) {
    Objects.requireNonNull(model, "model");
    Scored<M> scored = inner.score(model.model(), features, time);
    Assessment raw = scored.assessment();
    LikelihoodState calibration = model.likelihood();
    Assessment calibrated;
    if (raw.warmingUp()) {
      calibrated = raw.withScore(0.5, true);
    } else {
      AnomalyLikelihood.Result result = likelihood.update(calibration, raw.rawScore());
      calibration = result.state();
      calibrated = raw.withScore(result.likelihood(), result.learning());
    }
    if (calibrated.detector().isEmpty()) {
      calibrated = calibrated.withDetector(inner.name());
    }
    return new Scored<>(new CalibratedState<>(scored.model(), calibration), calibrated);
  }
}
