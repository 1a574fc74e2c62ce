package io.vigil.detect.ewma;

import io.vigil.detect.Assessment;
import io.vigil.detect.Detector;
import io.vigil.detect.ExpectedBand;
import io.vigil.detect.Scored;
import io.vigil.detect.StateMapper;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A cheap, robust baseline: per feature, an exponentially weighted moving mean and variance, and
 * the z-score of each new value against them.
 *
 * <p><b>Scoring.</b> Each observation is judged against the model <i>before</i> it learns from it.
 * For feature i, z<sub>i</sub> = (x<sub>i</sub> − mean<sub>i</sub>) / σ<sub>i</sub>, with σ floored
 * at 1e-9·max(1, |mean|) so a constant series has a defined z. The raw score is max
 * |z<sub>i</sub>|. The calibrated score is the probability that d independent standard normal
 * features would all lie closer to their means than that: (1 − P(|Z| ≥ max|z|))<sup>d</sup>. For
 * one feature, |z| = 3 → 0.9973, 4.42 → 0.99999, 6.11 → 0.999999999; the power keeps the
 * false-alarm rate per observation the same however many features a series has. Attribution is each
 * feature's share of Σz².
 *
 * <p><b>Learning.</b> mean' = mean + a·(x − mean), var' = (1 − a)·(var + a·(x − mean)²) with a =
 * max(alpha, 1/(n+1)): the first observations are plainly averaged, so the estimates are usable
 * after a few points instead of being biased towards the first one.
 *
 * <p><b>Robustness.</b> Once a feature is warmed up, an observation more than {@code clipSigmas}
 * from the mean is learned as if it were exactly {@code clipSigmas} away (winsorised): a 10σ spike
 * is reported but barely moves the mean and grows the variance by a bounded factor, so the next
 * anomaly is still seen. If {@code maxClippedRun} observations in a row are clipped, the series has
 * shifted level, and it is learned unclipped until it settles, so the model follows real changes
 * instead of alerting on them forever. Before warm-up nothing is clipped (there is no trustworthy σ
 * yet), so a spike during warm-up does enter the statistics.
 *
 * <p><b>Warm-up.</b> An assessment is {@code warmingUp} while any observed feature has fewer than
 * {@code warmup} observations; a feature that first appears in a mature series warms up on its own.
 * Features missing from an observation keep their statistics.
 */
public final class EwmaDetector implements Detector<EwmaState> {
  public static final String NAME = "ewma";
  private static final double RELATIVE_SIGMA_FLOOR = 1e-9;
  private static final double MAX_ABS_Z = 1e150;

  private final EwmaParameters parameters;
  private final EwmaStateMapper mapper = new EwmaStateMapper();

  public EwmaDetector(EwmaParameters parameters) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
  }

  public EwmaParameters parameters() {
    return parameters;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public EwmaState newModel() {
    return EwmaState.empty();
  }

  @Override
  public StateMapper<EwmaState> mapper() {
    return mapper;
  }

  @Override
  public Scored<EwmaState> score(EwmaState model, Map<String, Double> features, Instant time) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(time, "time");
    if (features == null || features.isEmpty()) {
      throw new IllegalArgumentException("an observation needs at least one feature");
    }
    SortedMap<String, FeatureStats> learned = new TreeMap<>(model.features());
    SortedMap<String, ExpectedBand> expected = new TreeMap<>();
    SortedMap<String, Double> squares = new TreeMap<>();
    double maxAbsZ = 0.0;
    double sumSquares = 0.0;
    long observations = Long.MAX_VALUE;
    for (var entry : new TreeMap<>(features).entrySet()) {
      String name = entry.getKey();
      Double boxed = entry.getValue();
      if (boxed == null || !Double.isFinite(boxed)) {
        throw new IllegalArgumentException("feature " + name + " is not a finite number: " + boxed);
      }
      double x = boxed;
      FeatureStats stats = model.feature(name);
      double sigma = sigma(stats);
      double z = stats.count() == 0 ? 0.0 : clamp((x - stats.mean()) / sigma);
      double centre = stats.count() == 0 ? x : stats.mean();
      double halfBand = stats.count() == 0 ? 0.0 : parameters.bandSigmas() * sigma;
      expected.put(name, new ExpectedBand(centre, centre - halfBand, centre + halfBand));
      squares.put(name, z * z);
      sumSquares += z * z;
      maxAbsZ = Math.max(maxAbsZ, Math.abs(z));
      observations = Math.min(observations, stats.count());
      learned.put(name, learn(stats, x, z, sigma));
    }
    Instant last = model.lastEventTime();
    Instant lastEventTime = last == null || time.isAfter(last) ? time : last;
    Assessment assessment =
        new Assessment(
            maxAbsZ,
            calibrate(maxAbsZ, features.size()),
            expected,
            attribution(squares, sumSquares),
            observations,
            observations < parameters.warmup(),
            NAME);
    return new Scored<>(new EwmaState(learned, lastEventTime), assessment);
  }

  /** Bounds |z| so that z² stays finite even for values near {@link Double#MAX_VALUE}. */
  private static double clamp(double z) {
    return Math.max(-MAX_ABS_Z, Math.min(MAX_ABS_Z, z));
  }

  private static double sigma(FeatureStats stats) {
    double floor = RELATIVE_SIGMA_FLOOR * Math.max(1.0, Math.abs(stats.mean()));
    return Math.max(Math.sqrt(stats.variance()), floor);
  }

  private FeatureStats learn(FeatureStats stats, double x, double z, double sigma) {
    long count = stats.count() == Long.MAX_VALUE ? Long.MAX_VALUE : stats.count() + 1;
    if (stats.count() == 0) {
      return new FeatureStats(count, x, 0.0, 0);
    }
    boolean outlier = stats.count() >= parameters.warmup() && Math.abs(z) > parameters.clipSigmas();
    int run = outlier ? Math.min(stats.clippedRun() + 1, Integer.MAX_VALUE - 1) : 0;
    double target = x;
    if (outlier && run <= parameters.maxClippedRun()) {
      target = stats.mean() + Math.signum(z) * parameters.clipSigmas() * sigma;
    }
    double a = Math.max(parameters.alpha(), 1.0 / (double) count);
    double diff = target - stats.mean();
    double increment = a * diff;
    double mean = stats.mean() + increment;
    double variance = (1.0 - a) * (stats.variance() + diff * increment);
    if (!Double.isFinite(mean) || !Double.isFinite(variance)) {
      // Values near Double.MAX_VALUE overflow the squares; start again from this observation.
      return new FeatureStats(count, x, 0.0, 0);
    }
    return new FeatureStats(count, mean, variance, run);
  }

  private static double calibrate(double maxAbsZ, int features) {
    double tail = Gaussian.twoSidedTail(maxAbsZ);
    double score = Math.exp(features * Math.log1p(-tail));
    return Math.max(0.0, Math.min(1.0, score));
  }

  private static Map<String, Double> attribution(Map<String, Double> squares, double sum) {
    Map<String, Double> shares = new TreeMap<>();
    squares.forEach(
        (name, square) -> shares.put(name, sum > 0.0 ? square / sum : 1.0 / squares.size()));
    return shares;
  }
}
