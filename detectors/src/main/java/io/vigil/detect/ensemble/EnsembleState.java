package io.vigil.detect.ensemble;

import java.util.List;

/**
 * The models of an ensemble's members, in member order. Immutable as a list; each member model is
 * as (im)mutable as its detector says.
 */
public record EnsembleState(List<Object> models) {
  public EnsembleState {
    models = List.copyOf(models);
  }
}
