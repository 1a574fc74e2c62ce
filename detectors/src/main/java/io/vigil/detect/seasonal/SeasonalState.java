package io.vigil.detect.seasonal;

import io.vigil.detect.ewma.EwmaState;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The seasonal model of one series: a global EWMA baseline and one EWMA baseline per phase bucket
 * seen so far (cold buckets take no space). Immutable.
 *
 * @param global whole-series statistics
 * @param buckets statistics by phase bucket index (0 = the period's start, UTC epoch aligned)
 */
public record SeasonalState(EwmaState global, SortedMap<Integer, EwmaState> buckets) {

  public SeasonalState {
    Objects.requireNonNull(global, "global");
    buckets = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(buckets)));
  }

  public static SeasonalState empty() {
    return new SeasonalState(EwmaState.empty(), new TreeMap<>());
  }

  public EwmaState bucket(int index) {
    return buckets.getOrDefault(index, EwmaState.empty());
  }

  /** Latest event time learned, or null (for idle-key eviction). */
  public Instant lastEventTime() {
    return global.lastEventTime();
  }
}
