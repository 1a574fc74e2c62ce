package io.vigil.evaluation.synthetic;

import java.util.Objects;

/**
 * Ground truth for one injected anomaly, as the source labels it: events {@code start} to {@code
 * end} (0-based event numbers within the series, both inclusive) are the ones the anomaly changed.
 */
public record Injection(int series, String kind, long start, long end) {
  public Injection {
    Objects.requireNonNull(kind, "kind");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("need 0 <= start <= end, were " + start + ", " + end);
    }
  }
}
