package io.vigil.detect.calibration;

import java.util.Arrays;

/**
 * What {@link AnomalyLikelihood} remembers of a series: the last raw scores (at most the short
 * window, oldest first) and the long-run mean and variance of their moving average.
 */
public record LikelihoodState(double[] recent, long count, double mean, double variance) {

  public LikelihoodState {
    recent = recent.clone();
    if (count < 0 || !Double.isFinite(mean) || !(variance >= 0.0) || !Double.isFinite(variance)) {
      throw new IllegalArgumentException("bad likelihood statistics");
    }
    for (double score : recent) {
      if (!Double.isFinite(score)) {
        throw new IllegalArgumentException("raw scores must be finite");
      }
    }
  }

  public static LikelihoodState empty() {
    return new LikelihoodState(new double[0], 0, 0.0, 0.0);
  }

  @Override
  public double[] recent() {
    return recent.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LikelihoodState that
        && count == that.count
        && Double.compare(mean, that.mean) == 0
        && Double.compare(variance, that.variance) == 0
        && Arrays.equals(recent, that.recent);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(recent) + Long.hashCode(count) + Double.hashCode(mean);
  }

  @Override
  public String toString() {
    return "LikelihoodState[recent="
        + Arrays.toString(recent)
        + ", count="
        + count
        + ", mean="
        + mean
        + ", variance="
        + variance
        + "]";
  }
}
