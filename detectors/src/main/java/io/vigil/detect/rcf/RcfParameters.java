package io.vigil.detect.rcf;

/**
 * Tuning of the {@link RcfDetector}.
 *
 * @param shingleSize consecutive observations of a one-feature series that make one point of the
 *     forest (default 8), so the forest sees shapes, not single values
 * @param multivariateShingleSize the same for series with several features (default 1: each event's
 *     feature vector is a point)
 * @param trees trees in the forest (default 30; the library's 50 costs more for little gain here)
 * @param sampleSize points each tree keeps (default 256, the library's)
 * @param warmup observations before the assessment stops {@code warmingUp} (default 128)
 * @param bandSigmas half-width of the expected band, in standard deviations of the feature's robust
 *     moving statistics (default 3)
 * @param seed random seed of the forest, so a replay scores the same
 */
public record RcfParameters(
    int shingleSize,
    int multivariateShingleSize,
    int trees,
    int sampleSize,
    int warmup,
    double bandSigmas,
    long seed) {

  public static final int DEFAULT_SHINGLE_SIZE = 8;
  public static final int DEFAULT_MULTIVARIATE_SHINGLE_SIZE = 1;
  public static final int DEFAULT_TREES = 30;
  public static final int DEFAULT_SAMPLE_SIZE = 256;
  public static final int DEFAULT_WARMUP = 128;
  public static final double DEFAULT_BAND_SIGMAS = 3.0;
  public static final long DEFAULT_SEED = 42L;

  public RcfParameters {
    if (shingleSize < 1 || multivariateShingleSize < 1) {
      throw new IllegalArgumentException("shingle sizes must be at least 1");
    }
    if (trees < 1 || sampleSize < 4) {
      throw new IllegalArgumentException("need at least 1 tree and a sample size of 4");
    }
    if (warmup < 1) {
      throw new IllegalArgumentException("warmup must be at least 1, was " + warmup);
    }
    if (!(bandSigmas > 0.0 && Double.isFinite(bandSigmas))) {
      throw new IllegalArgumentException("bandSigmas must be positive, was " + bandSigmas);
    }
  }

  public static RcfParameters defaults() {
    return new RcfParameters(
        DEFAULT_SHINGLE_SIZE,
        DEFAULT_MULTIVARIATE_SHINGLE_SIZE,
        DEFAULT_TREES,
        DEFAULT_SAMPLE_SIZE,
        DEFAULT_WARMUP,
        DEFAULT_BAND_SIGMAS,
        DEFAULT_SEED);
  }

  /** Shingle size for a series of {@code features} features. */
  public int shingleFor(int features) {
    return features == 1 ? shingleSize : multivariateShingleSize;
  }
}
