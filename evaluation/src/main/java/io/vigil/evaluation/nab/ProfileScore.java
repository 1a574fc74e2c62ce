package io.vigil.evaluation.nab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A detector's NAB score for one profile, at the corpus-wide best threshold or at a given one.
 *
 * @param profile the cost profile
 * @param threshold the anomaly-score threshold that maximises the raw score (detections are rows
 *     with score ≥ threshold; 1.1 when detecting nothing is best), or the one given to {@link
 *     NabScorer#scoreAt}; NaN for a sum of scores at different thresholds
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
   * {@code 100 * (raw - null) / (perfect - null)}: 0 for the null detector, 100 for a perfect one;
   * NaN without windows (null = perfect = 0: e.g. a category of series without anomalies, whose raw
   * score only counts false positives).
   */
  public double normalised() {
    return windows == 0 ? Double.NaN : 100.0 * (raw - nullScore) / (perfect - nullScore);
  }

  /**
   * The scores of disjoint parts of a corpus, added up: raw, null and perfect scores and counts are
   * sums, so the normalised figure weighs each part by its windows. The threshold is NaN unless
   * every part had the same.
   *
   * @throws IllegalArgumentException if the parts are empty or of different profiles
   */
  public static ProfileScore sum(List<ProfileScore> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("nothing to add up");
    }
    CostProfile profile = parts.get(0).profile();
    double threshold = parts.get(0).threshold();
    double raw = 0.0;
    double nullScore = 0.0;
    double perfect = 0.0;
    int windows = 0;
    int detected = 0;
    int falsePositives = 0;
    for (ProfileScore part : parts) {
      if (!part.profile().equals(profile)) {
        throw new IllegalArgumentException(
            "cannot add " + part.profile().name() + " to " + profile.name());
      }
      threshold = part.threshold() == threshold ? threshold : Double.NaN;
      raw += part.raw();
      nullScore += part.nullScore();
      perfect += part.perfect();
      windows += part.windows();
      detected += part.detectedWindows();
      falsePositives += part.falsePositives();
    }
    return new ProfileScore(
        profile, threshold, raw, nullScore, perfect, windows, detected, falsePositives);
  }

  /** Per profile, the threshold of its score: what {@link NabScorer#scoreAt} takes. */
  public static Map<CostProfile, Double> thresholds(List<ProfileScore> scores) {
    Map<CostProfile, Double> thresholds = new LinkedHashMap<>();
    for (ProfileScore score : scores) {
      thresholds.put(score.profile(), score.threshold());
    }
    return thresholds;
  }
}
