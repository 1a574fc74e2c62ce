package io.vigil.detect;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A detector's judgement of one observation, made against the model as it was before the
 * observation.
 *
 * @param rawScore the detector's own measure of surprise (for EWMA the largest |z|), unbounded
 * @param score calibrated score in [0,1]: comparable across detectors, what thresholds apply to
 * @param expected per observed feature, the expected value and normal band
 * @param attribution per observed feature, its share of the anomaly; the shares sum to 1
 * @param observations how many earlier observations the judgement rests on (the least among the
 *     observed features)
 * @param warmingUp true while the model has seen too little to be trusted; no alert may be raised
 */
public record Assessment(
    double rawScore,
    double score,
    Map<String, Expectation> expected,
    Map<String, Double> attribution,
    long observations,
    boolean warmingUp) {

  public Assessment {
    if (!(score >= 0.0 && score <= 1.0)) {
      throw new IllegalArgumentException("score must be in [0,1], was " + score);
    }
    expected = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(expected)));
    attribution =
        Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(attribution)));
  }
}
