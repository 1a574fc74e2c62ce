package io.vigil.detect.adaptive;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an {@link AdaptiveDetector} keeps per series: one bounded {@link FeatureModel} a feature.
 */
public record AdaptiveState(SortedMap<String, FeatureModel> features) {
  public AdaptiveState {
    features = Collections.unmodifiableSortedMap(new TreeMap<>(features));
  }

  public static AdaptiveState empty() {
    return new AdaptiveState(new TreeMap<>());
  }

  /** The state with {@code updates} replacing (or adding) their features. */
  AdaptiveState with(Map<String, FeatureModel> updates) {
    SortedMap<String, FeatureModel> next = new TreeMap<>(features);
    next.putAll(updates);
    return new AdaptiveState(next);
  }
}
