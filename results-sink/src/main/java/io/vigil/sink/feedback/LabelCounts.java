package io.vigil.sink.feedback;

/** Feedback labels on one detector's anomalies. */
public record LabelCounts(long confirmed, long falsePositives) {
  /** confirmed / (confirmed + false positives); NaN without labels. */
  public double precision() {
    long labelled = confirmed + falsePositives;
    return labelled == 0 ? Double.NaN : (double) confirmed / labelled;
  }
}
