package io.vigil.detect.ewma;

/** Tail probabilities of the standard normal distribution, without a maths library. */
public final class Gaussian {
  private static final double SQRT_2 = Math.sqrt(2.0);

  private Gaussian() {}

  /**
   * P(|Z| ≥ |z|) for a standard normal Z, i.e. erfc(|z|/√2). Relative error below 1.2e-7 over the
   * whole range (the Chebyshev fit of Numerical Recipes' {@code erfcc}), which keeps "nines" of a
   * calibrated score accurate far into the tail; underflows to 0 beyond |z| ≈ 38.
   */
  public static double twoSidedTail(double z) {
    double x = Math.abs(z) / SQRT_2;
    double t = 1.0 / (1.0 + 0.5 * x);
    double poly =
        -x * x
            - 1.26551223
            + t
                * (1.00002368
                    + t
                        * (0.37409196
                            + t
                                * (0.09678418
                                    + t
                                        * (-0.18628806
                                            + t
                                                * (0.27886807
                                                    + t
                                                        * (-1.13520398
                                                            + t
                                                                * (1.48851587
                                                                    + t
                                                                        * (-0.82215223
                                                                            + t
                                                                                * 0.17087277))))))));
    return Math.min(1.0, t * Math.exp(poly));
  }

  /** P(Z ≥ z) for a standard normal Z (one-sided, upper tail). */
  public static double upperTail(double z) {
    double half = twoSidedTail(z) / 2.0;
    return z >= 0.0 ? half : 1.0 - half;
  }
}
