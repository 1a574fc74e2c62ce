package io.vigil.detect.calibration;

/**
 * Tuning of {@link AnomalyLikelihood}.
 *
 * @param shortWindow raw scores averaged into the value that is judged (default 10, Numenta's)
 * @param alpha weight of a new averaged score in the long-run Gaussian (default 0.001, half-life
 *     about 700 observations; Numenta fits a window of 8640)
 * @param learningPeriod averaged scores learned before the likelihood is trusted (default 288,
 *     Numenta's: one day of five-minute data); until then it reports 0.5 and warming up
 */
public record LikelihoodParameters(int shortWindow, double alpha, int learningPeriod) {
  public static final int DEFAULT_SHORT_WINDOW = 10;
  public static final double DEFAULT_ALPHA = 0.001;
  public static final int DEFAULT_LEARNING_PERIOD = 288;

  public LikelihoodParameters {
    if (shortWindow < 1 || shortWindow > 10_000) {
      throw new IllegalArgumentException("shortWindow must be in [1, 10000], was " + shortWindow);
    }
    if (!(alpha > 0.0 && alpha < 1.0)) {
      throw new IllegalArgumentException("alpha must be in (0,1), was " + alpha);
    }
    if (learningPeriod < 2) {
      throw new IllegalArgumentException(
          "learningPeriod must be at least 2, was " + learningPeriod);
    }
  }

  public static LikelihoodParameters defaults() {
    return new LikelihoodParameters(DEFAULT_SHORT_WINDOW, DEFAULT_ALPHA, DEFAULT_LEARNING_PERIOD);
  }
}
