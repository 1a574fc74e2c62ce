package io.vigil.ingest.generate;

import java.time.Instant;
import java.util.Objects;

/**
 * One anomaly scripted in advance, for tests and reproducible scenarios: "a spike of +50 in {@code
 * series-3} at its 500th event". It starts at the series' first event numbered {@code atIndex}
 * (0-based) or later, or stamped {@code atTime} or later; exactly one of the two is set. See {@link
 * SeriesSimulator} for how it combines with other anomalies.
 *
 * @param key series key, e.g. {@code series-3}
 * @param atIndex 0-based event number within the series, or null when {@code atTime} is set
 * @param atTime event time to start at, or null when {@code atIndex} is set
 * @param kind what the anomaly does
 * @param magnitude signed size in value units (see {@link AnomalyKind})
 * @param length events it lasts; 0 means the configured anomaly length (a spike always lasts 1)
 */
public record InjectedAnomaly(
    String key, Long atIndex, Instant atTime, AnomalyKind kind, double magnitude, int length) {

  public InjectedAnomaly {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    if ((atIndex == null) == (atTime == null)) {
      throw new IllegalArgumentException("set exactly one of atIndex and atTime");
    }
    if (atIndex != null && atIndex < 0) {
      throw new IllegalArgumentException("atIndex must not be negative, was " + atIndex);
    }
    if (!Double.isFinite(magnitude)) {
      throw new IllegalArgumentException("magnitude must be finite, was " + magnitude);
    }
    if (length < 0) {
      throw new IllegalArgumentException("length must not be negative, was " + length);
    }
  }

  public static InjectedAnomaly atIndex(
      String key, long index, AnomalyKind kind, double magnitude) {
    return new InjectedAnomaly(key, index, null, kind, magnitude, 0);
  }

  public static InjectedAnomaly atTime(
      String key, Instant time, AnomalyKind kind, double magnitude) {
    return new InjectedAnomaly(key, null, time, kind, magnitude, 0);
  }

  /** The same anomaly lasting {@code events} events instead of the configured length. */
  public InjectedAnomaly lasting(int events) {
    if (events < 1) {
      throw new IllegalArgumentException("an anomaly lasts at least one event, was " + events);
    }
    return new InjectedAnomaly(key, atIndex, atTime, kind, magnitude, events);
  }

  /** Whether this anomaly is due at the event with this index and timestamp. */
  boolean dueAt(long index, Instant timestamp) {
    return atIndex != null ? index >= atIndex : !timestamp.isBefore(atTime);
  }
}
