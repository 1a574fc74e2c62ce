package io.vigil.evaluation;

import java.time.Instant;

/**
 * Scores series online: one fresh model per series, observations in time order, each scored before
 * the model learns from it, so a score never depends on later rows.
 */
public interface StreamingScorer {

  /** Detector name, as it appears in result paths, e.g. {@code ewma}. */
  String name();

  /** Every parameter that affects scores; one value for the whole corpus. */
  String configuration();

  /** The scorer of a series not observed yet. */
  SeriesScorer newSeries();

  /** The online scorer of one series. */
  interface SeriesScorer {
    /** The anomaly score in [0,1] of {@code value} observed at {@code time}; 0 while warming up. */
    double score(Instant time, double value);
  }
}
