package io.vigil.detect.range;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link RangeDetector} keeps per series: per feature, the range of values seen (slowly
 * shrinking towards the mean, so a range widened by one old excursion recovers) and a robust
 * spread.
 */
public record RangeState(Map<String, Feature> features) {
  /** One feature's range. */
  public record Feature(long count, double mean, double spread, double min, double max) {}

  public RangeState {
    features = Collections.unmodifiableSortedMap(new TreeMap<>(features));
  }

  public static RangeState empty() {
    return new RangeState(Map.of());
  }
}
