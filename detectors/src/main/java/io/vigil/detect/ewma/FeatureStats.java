package io.vigil.detect.ewma;

/**
 * The moving statistics of one feature.
 *
 * @param count observations learned (saturates at {@link Long#MAX_VALUE})
 * @param mean exponentially weighted mean
 * @param variance exponentially weighted variance
 * @param clippedRun clipped observations in a row, up to now
 */
public record FeatureStats(long count, double mean, double variance, int clippedRun) {
  public static final FeatureStats EMPTY = new FeatureStats(0, 0.0, 0.0, 0);

  public FeatureStats {
    if (count < 0 || clippedRun < 0) {
      throw new IllegalArgumentException("count and clippedRun must not be negative");
    }
    if (!Double.isFinite(mean) || !(variance >= 0.0) || !Double.isFinite(variance)) {
      throw new IllegalArgumentException(
          "mean must be finite and variance finite and >= 0, were " + mean + ", " + variance);
    }
  }
}
