package io.vigil.evaluation.nab;

/**
 * A detector's NAB score for one profile, at the corpus-wide best threshold.
 *
 * @param profile the cost profile
 * @param threshold the anomaly-score threshold that maximises the raw score (detections are rows
 *     with score ≥ threshold; 1.1 when detecting nothing is best)
 * @param raw raw score summed over every file and window
 * @param nullScore raw score of a detector that never detects
 * @param perfect raw score of a detector that detects every window at its left edge and nothing
 *     else
 * @param windows windows that count (those with at least one row after probation)
 * @param detectedWindows windows with a detection at the threshold
 * @param falsePositives detections outside every window at the threshold
 */
public record ProfileScore(
    CostProfile profile,
    double threshold,
    double raw,
    double nullScore,
    double perfect,
    int windows,
    int detectedWindows,
    int falsePositives) {

  /**
   * {@code 100 * (raw - null) / (perfect - null)}: 0 for the null detector, 100 for a perfect one.
   */
  public double normalised() {
    return 100.0 * (raw - nullScore) / (perfect - nullScore);
  }
}
