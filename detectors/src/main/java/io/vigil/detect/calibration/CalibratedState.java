package io.vigil.detect.calibration;

import java.util.Objects;

/** A detector's model together with the anomaly-likelihood state over its raw scores. */
public record CalibratedState<M>(M model, LikelihoodState likelihood) {
  public CalibratedState {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(likelihood, "likelihood");
  }
}
