package io.vigil.detect.adaptive;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the {@link AdaptiveDetector}. One parameter set serves every series (the NAB figures in
 * the README were measured with {@link #defaults()} on every file).
 *
 * @param warmup observations of a feature before it may alert (range and fast-start checks)
 * @param levelAlpha weight of a new value in the feature's robust level and spread
 * @param clipDeviations values further than this many spreads from the expectation are learned as
 *     if they were this far (one spike barely moves the model)
 * @param period the season of the phase profile (one day: the hour-of-day profile)
 * @param buckets phase buckets per period (24: hourly)
 * @param bucketAlpha weight of a new value in its bucket's level and spread
 * @param bucketWarmup values a bucket needs before it replaces the overall level
 * @param bucketSpreadFloor a bucket's spread is at least this share of the overall spread, so a
 *     bucket that happened to be quiet does not make every later value look extreme
 * @param window the recent deviations averaged into the sustained-deviation signal
 * @param windowCap deviations enter the window capped at this many spreads, so one spike cannot
 *     hold the average up for the whole window (a single extreme value is the spike check's)
 * @param likelihoodAlpha weight of a new average in the long-run distribution of averages
 * @param likelihoodLearning averages learned before the deviation member may alert
 * @param rangeTolerance a value beyond the range seen so far by more than this share of the range
 *     is a new high or low
 * @param earlyRangeDeviations while a feature has fewer than {@code earlyRangeUntil} values, a new
 *     high or low must also exceed the range by this many spreads (a young range has not seen a
 *     whole season yet)
 * @param earlyRangeUntil see {@code earlyRangeDeviations}
 * @param fastStartSteps until the deviation member has learned, a jump of more than this many
 *     typical steps from the previous value alerts
 * @param rangeMinSteps a new high or low must also exceed the range by this many typical steps (a
 *     noisy series' next peak is not news)
 * @param spikeRatio a value whose distance from its expectation is this multiple of the largest
 *     recent distance is a spike
 * @param spikeMemory share of the largest recent distance forgotten per value (0.003: a spike is
 *     half forgotten after about 230 values)
 * @param spikeFrom values a feature needs before the spike check starts
 * @param flatlinePenalty nines subtracted from a run of unchanged values' surprise
 * @param bandDeviations half-width of the expected band, in spreads
 * @param ninesOffset added to the surprise (in nines) to make the calibrated score, so that the
 *     processor's default threshold 0.99999 (five nines) is this detector's operating point
 */
public record AdaptiveParameters(
    int warmup,
    double levelAlpha,
    double clipDeviations,
    Duration period,
    int buckets,
    double bucketAlpha,
    int bucketWarmup,
    double bucketSpreadFloor,
    int window,
    double windowCap,
    double likelihoodAlpha,
    int likelihoodLearning,
    double rangeTolerance,
    double earlyRangeDeviations,
    int earlyRangeUntil,
    double fastStartSteps,
    double rangeMinSteps,
    double spikeRatio,
    double spikeMemory,
    int spikeFrom,
    double flatlinePenalty,
    double bandDeviations,
    double ninesOffset) {

  public AdaptiveParameters {
    Objects.requireNonNull(period, "period");
    require(warmup >= 2, "warmup must be at least 2");
    require(levelAlpha > 0 && levelAlpha < 1, "levelAlpha must be in (0,1)");
    require(clipDeviations > 0, "clipDeviations must be positive");
    require(buckets >= 1 && buckets <= 1024, "buckets must be in [1, 1024]");
    require(
        period.toMillis() >= buckets && period.toMillis() % buckets == 0,
        "period must be a whole number of milliseconds per bucket");
    require(bucketAlpha > 0 && bucketAlpha < 1, "bucketAlpha must be in (0,1)");
    require(bucketWarmup >= 1 && bucketWarmup <= 127, "bucketWarmup must be in [1, 127]");
    require(bucketSpreadFloor >= 0, "bucketSpreadFloor must not be negative");
    require(window >= 1 && window <= 256, "window must be in [1, 256]");
    require(windowCap > 0, "windowCap must be positive");
    require(likelihoodAlpha > 0 && likelihoodAlpha < 1, "likelihoodAlpha must be in (0,1)");
    require(likelihoodLearning >= 2, "likelihoodLearning must be at least 2");
    require(rangeTolerance >= 0, "rangeTolerance must not be negative");
    require(earlyRangeDeviations >= 0, "earlyRangeDeviations must not be negative");
    require(earlyRangeUntil >= 0, "earlyRangeUntil must not be negative");
    require(fastStartSteps > 0, "fastStartSteps must be positive");
    require(rangeMinSteps >= 0, "rangeMinSteps must not be negative");
    require(spikeRatio > 1, "spikeRatio must be above 1");
    require(spikeMemory >= 0 && spikeMemory < 1, "spikeMemory must be in [0,1)");
    require(spikeFrom >= 0, "spikeFrom must not be negative");
    require(flatlinePenalty >= 0, "flatlinePenalty must not be negative");
    require(bandDeviations > 0, "bandDeviations must be positive");
    require(ninesOffset >= 0, "ninesOffset must not be negative");
  }

  /** The parameters evaluated on NAB and by {@code vigil evaluate} (see the module README). */
  public static AdaptiveParameters defaults() {
    return new AdaptiveParameters(
        50,
        0.015,
        5.0,
        Duration.ofDays(1),
        24,
        0.05,
        5,
        0.3,
        20,
        8.0,
        0.001,
        200,
        0.02,
        3.0,
        1000,
        8.0,
        1.0,
        2.5,
        0.003,
        300,
        30.0,
        4.0,
        1.5);
  }

  /** Milliseconds of one phase bucket. */
  long bucketMillis() {
    return period.toMillis() / buckets;
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
