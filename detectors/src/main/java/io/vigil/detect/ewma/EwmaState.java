package io.vigil.detect.ewma;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The EWMA model of one series: moving statistics per feature. Immutable; features are kept sorted
 * so that equal states always write equal bytes.
 *
 * @param features statistics by feature name
 * @param lastEventTime latest event time learned, or null for a new model (for idle-key eviction)
 */
public record EwmaState(SortedMap<String, FeatureStats> features, Instant lastEventTime) {

  public EwmaState {
    Objects.requireNonNull(features, "features");
    features = Collections.unmodifiableSortedMap(new TreeMap<>(features));
  }

  public static EwmaState empty() {
    return new EwmaState(new TreeMap<>(), null);
  }

  public FeatureStats feature(String name) {
    return features.getOrDefault(name, FeatureStats.EMPTY);
  }
}
