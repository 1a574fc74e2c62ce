package io.vigil.evaluation.nab;

import java.time.LocalDateTime;
import java.util.List;

/**
 * A detector's output for one data file: an anomaly score in [0,1] per row.
 *
 * @param relativePath {@code <category>/<name>.csv} of the data file
 * @param timestamps row timestamps
 * @param scores anomaly score per row, same length
 */
public record ScoredSeries(String relativePath, List<LocalDateTime> timestamps, double[] scores) {
  public ScoredSeries {
    timestamps = List.copyOf(timestamps);
    scores = scores.clone();
    if (timestamps.size() != scores.length) {
      throw new IllegalArgumentException(relativePath + ": timestamps and scores differ in length");
    }
  }

  @Override
  public double[] scores() {
    return scores.clone();
  }

  public int size() {
    return scores.length;
  }

  double score(int row) {
    return scores[row];
  }
}
