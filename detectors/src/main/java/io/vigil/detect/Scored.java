package io.vigil.detect;

import java.util.Objects;

/** The outcome of scoring one observation: the updated model and what the detector thinks. */
public record Scored<M>(M model, Assessment assessment) {
  public Scored {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(assessment, "assessment");
  }
}
