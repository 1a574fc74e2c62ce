package io.vigil.detect.calibration;

import io.vigil.detect.ewma.Gaussian;
import java.util.Arrays;
import java.util.Objects;

/**
 * Numenta-style anomaly likelihood: turns any detector's raw scores into a calibrated score in
 * [0,1] relative to that series' own recent score distribution.
 *
 * <p>The value judged is the moving average of the last {@code shortWindow} raw scores. A Gaussian
 * is fitted to the long-run history of that average (exponentially weighted mean and variance,
 * instead of Numenta's 8640-value window, so the state stays a few dozen bytes); the likelihood is
 * 1 − P(X ≥ average) under it, judged before the average is learned. A series whose raw scores are
 * always high (noisy) therefore needs an exceptional run of scores to alert, while a quiet one
 * alerts on a smaller rise. Standard deviation is floored at 0.004 (Numenta's 1.5e-5 variance
 * floor) so constant raw scores have a defined likelihood.
 */
public final class AnomalyLikelihood {
  private static final double MIN_SIGMA = Math.sqrt(1.5e-5);

  /** A calibrated score and the state after learning it. */
  public record Result(double likelihood, boolean learning, LikelihoodState state) {}

  private final LikelihoodParameters parameters;

  public AnomalyLikelihood(LikelihoodParameters parameters) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
  }

  public LikelihoodParameters parameters() {
    return parameters;
  }

  /**
   * Judges {@code rawScore} (finite; negative values count as 0) and learns it. While fewer than
   * {@code learningPeriod} scores were learned the likelihood is 0.5 and {@code learning} is true.
   */
  public Result update(LikelihoodState state, double rawScore) {
    double raw = Double.isFinite(rawScore) ? Math.max(0.0, rawScore) : 0.0;
    double[] old = state.recent();
    int keep = Math.min(old.length, parameters.shortWindow() - 1);
    double[] recent = Arrays.copyOfRange(old, old.length - keep, old.length + 1);
    recent[keep] = raw;
    double average = Arrays.stream(recent).average().orElse(0.0);

    boolean learning = state.count() < parameters.learningPeriod();
    double sigma = Math.max(Math.sqrt(state.variance()), MIN_SIGMA);
    double likelihood = learning ? 0.5 : 1.0 - Gaussian.upperTail((average - state.mean()) / sigma);

    long count = state.count() == Long.MAX_VALUE ? Long.MAX_VALUE : state.count() + 1;
    double a = Math.max(parameters.alpha(), 1.0 / (double) count);
    double diff = average - state.mean();
    double mean = state.mean() + a * diff;
    double variance = (1.0 - a) * (state.variance() + a * diff * diff);
    if (!Double.isFinite(mean) || !Double.isFinite(variance)) {
      mean = average;
      variance = 0.0;
    }
    LikelihoodState next = new LikelihoodState(recent, count, mean, variance);
    return new Result(Math.max(0.0, Math.min(1.0, likelihood)), learning, next);
  }
}
