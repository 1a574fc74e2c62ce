package io.vigil.detect.ewma;

/**
 * Tuning of the {@link EwmaDetector}.
 *
 * @param alpha weight of a new observation in the moving mean and variance, in (0,1); the half-life
 *     in observations is ln 2 / -ln(1 - alpha) (0.02 → about 34 observations)
 * @param warmup observations of a feature before its statistics are trusted: until then the
 *     assessment is {@code warmingUp} and outliers are not clipped
 * @param bandSigmas half-width of the expected band in standard deviations (mean ± k·σ)
 * @param clipSigmas an observation further than this many σ from the mean updates the model as if
 *     it had been exactly this far, so that one spike cannot inflate the variance and hide the next
 * @param maxClippedRun after this many clipped observations in a row, the series is taken to have
 *     shifted and further outliers update the model unclipped until one falls within the bound
 */
public record EwmaParameters(
    double alpha, int warmup, double bandSigmas, double clipSigmas, int maxClippedRun) {

  public static final double DEFAULT_ALPHA = 0.02;
  public static final int DEFAULT_WARMUP = 50;
  public static final double DEFAULT_BAND_SIGMAS = 3.0;
  public static final double DEFAULT_CLIP_SIGMAS = 3.0;
  public static final int DEFAULT_MAX_CLIPPED_RUN = 3;

  public EwmaParameters {
    if (!(alpha > 0.0 && alpha < 1.0)) {
      throw new IllegalArgumentException("alpha must be in (0,1), was " + alpha);
    }
    if (warmup < 2) {
      throw new IllegalArgumentException("warmup must be at least 2, was " + warmup);
    }
    if (!(bandSigmas > 0.0 && Double.isFinite(bandSigmas))) {
      throw new IllegalArgumentException("bandSigmas must be positive, was " + bandSigmas);
    }
    if (!(clipSigmas > 0.0 && Double.isFinite(clipSigmas))) {
      throw new IllegalArgumentException("clipSigmas must be positive, was " + clipSigmas);
    }
    if (maxClippedRun < 0) {
      throw new IllegalArgumentException(
          "maxClippedRun must not be negative, was " + maxClippedRun);
    }
  }

  public static EwmaParameters defaults() {
    return new EwmaParameters(
        DEFAULT_ALPHA,
        DEFAULT_WARMUP,
        DEFAULT_BAND_SIGMAS,
        DEFAULT_CLIP_SIGMAS,
        DEFAULT_MAX_CLIPPED_RUN);
  }

  /** The alpha whose weights halve every {@code observations} observations. */
  public static double alphaForHalfLife(double observations) {
    if (!(observations > 0.0 && Double.isFinite(observations))) {
      throw new IllegalArgumentException("half-life must be positive, was " + observations);
    }
    return -Math.expm1(-Math.log(2.0) / observations);
  }

  public EwmaParameters withAlpha(double newAlpha) {
    return new EwmaParameters(newAlpha, warmup, bandSigmas, clipSigmas, maxClippedRun);
  }

  public EwmaParameters withWarmup(int newWarmup) {
    return new EwmaParameters(alpha, newWarmup, bandSigmas, clipSigmas, maxClippedRun);
  }
}
