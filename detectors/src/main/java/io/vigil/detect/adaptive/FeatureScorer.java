package io.vigil.detect.adaptive;

import io.vigil.detect.ExpectedBand;
import io.vigil.detect.ewma.Gaussian;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The per-feature maths of the {@link AdaptiveDetector}: judges one value against a {@link
 * FeatureModel} as it was before the value, then learns it.
 *
 * <p>Surprise is measured in <em>nines</em>: n nines is as unusual as an event of probability
 * 10<sup>-n</sup>. Three checks, the most surprised one wins:
 *
 * <ul>
 *   <li><b>deviation</b>: |value − expected| in spreads, where expected is the value's phase bucket
 *       (hour of day) once the bucket has learned, else the overall level. The average of the last
 *       {@code window} deviations is judged against the long-run Gaussian of such averages (an
 *       anomaly likelihood, as Numenta's), so a series that always wobbles needs a bigger wobble;
 *   <li><b>range</b>: a value beyond the range seen so far by more than {@code rangeTolerance} of
 *       the range (NAB's "spatial anomaly": it lifted HTM by six points);
 *   <li><b>spike</b>: a value whose distance from its expectation is {@code spikeRatio} times the
 *       largest distance seen recently (a peak that decays by {@code spikeMemory} per value): a
 *       series that spikes often does not alert on every spike, a quiet one does;
 *   <li><b>flatline</b>: the same value many times in a row, in a series that rarely repeats a
 *       value: each repeat is worth −log<sub>10</sub> of the series' usual share of repeats;
 *   <li><b>fast start</b>: until the likelihood has learned, a jump of more than {@code
 *       fastStartSteps} typical steps from the previous value, so a new key can alert early.
 * </ul>
 *
 * Learning is robust: a value further than {@code clipDeviations} spreads from its expectation is
 * learned as if it were that far.
 */
final class FeatureScorer {
  private static final double SIGMA_FLOOR = 0.004;
  private static final double RELATIVE_FLOOR = 1e-9;
  private static final double MAX_DEVIATION = 1e6;
  private static final double MAX_EXCESS = 100;
  private static final double RANGE_BASE_NINES = 4;
  private static final double RANGE_NINES_PER_RANGE = 20;
  private static final double FAST_START_NINES = 3.5;
  private static final double MIN_STILL_SHARE = 1e-3;
  private static final double SPIKE_BASE_NINES = 4;
  private static final Supplier<String> NO_REASON = () -> "";
  private static final double SPIKE_NINES_PER_PEAK = 4;

  /** The judgement of one value and the model after learning it. */
  record Result(
      double nines,
      Member member,
      ExpectedBand expectation,
      Supplier<String> explanation,
      long observations,
      FeatureModel next) {}

  private final AdaptiveParameters parameters;

  FeatureScorer(AdaptiveParameters parameters) {
    this.parameters = parameters;
  }

  int bucketOf(long epochMillis) {
    return (int)
        (Math.floorMod(epochMillis, parameters.period().toMillis()) / parameters.bucketMillis());
  }

  Result observe(FeatureModel m, double x, long epochMillis) {
    if (m.count() == 0) {
      return new Result(
          0, Member.DEVIATION, new ExpectedBand(x, x, x), NO_REASON, 0, first(m, x, epochMillis));
    }
    long n = m.count() + 1;
    int b = bucketOf(epochMillis);
    double unit = floored(m.spread(), m.level());
    boolean bucketReady = m.bucketCount()[b] >= parameters.bucketWarmup();
    double expected = bucketReady ? m.bucketLevel()[b] : m.level();
    double expectedUnit =
        bucketReady
            ? floored(
                Math.max(m.bucketSpread()[b], parameters.bucketSpreadFloor() * m.spread()),
                expected)
            : unit;
    double deviation = Math.min(Math.abs(x - expected) / expectedUnit, MAX_DEVIATION);
    double width = m.max() - m.min();
    double excess =
        width > 0 ? Math.max(x - m.max(), m.min() - x) / width : (x != m.max() ? MAX_EXCESS : 0);

    float[] recent = m.recent().clone();
    recent[(int) ((n - 1) % recent.length)] = (float) Math.min(deviation, parameters.windowCap());
    int filled = (int) Math.min(n, recent.length);
    double sum = 0;
    for (int i = 0; i < filled; i++) {
      sum += recent[i];
    }
    double average = sum / filled;

    boolean mature = m.count() >= parameters.warmup();
    // A profile that has not seen a whole season yet cannot tell an unusual hour from a new one.
    boolean seenSeason = epochMillis - m.since() >= parameters.period().toMillis();
    double nines = 0;
    Member member = Member.DEVIATION;
    double half = parameters.bandDeviations() * expectedUnit;
    ExpectedBand expectation = new ExpectedBand(expected, expected - half, expected + half);
    Supplier<String> why = NO_REASON;
    long averages = m.averages();
    double averageMean = m.averageMean();
    double averageVariance = m.averageVariance();
    boolean still = x == m.last();
    int stillRun = still ? Math.min(m.stillRun() + 1, Integer.MAX_VALUE - 1) : 0;
    if (mature) {
      if (averages >= parameters.likelihoodLearning() && seenSeason) {
        double sigma = Math.max(Math.sqrt(averageVariance), SIGMA_FLOOR);
        nines = nines((average - averageMean) / sigma);
        ExpectedBand band = expectation;
        double usual = averageMean;
        why = () -> deviationReason(x, band, average, usual, sigma, bucketReady, b);
      } else {
        double steps = Math.abs(x - m.last()) / floored(m.step(), m.last());
        if (steps >= parameters.fastStartSteps()) {
          double ratio = steps / parameters.fastStartSteps();
          nines = FAST_START_NINES * ratio * ratio;
          member = Member.FAST_START;
          why = () -> fastStartReason(x, m.last(), steps, m.count());
        }
      }
      double peakRatio = Math.abs(x - expected) / Math.max(m.peakDeviation(), expectedUnit);
      if (bucketReady && n >= parameters.spikeFrom() && peakRatio >= parameters.spikeRatio()) {
        double spike =
            SPIKE_BASE_NINES
                + SPIKE_NINES_PER_PEAK * Math.min(peakRatio - parameters.spikeRatio(), MAX_EXCESS);
        if (spike > nines) {
          nines = spike;
          member = Member.SPIKE;
          ExpectedBand band = expectation;
          why = () -> spikeReason(x, band, m.peakDeviation());
        }
      }
      if (still) {
        double share = Math.max(m.stillShare(), Math.max(MIN_STILL_SHARE, 1.0 / m.count()));
        double flat = stillRun * -Math.log10(share) - parameters.flatlinePenalty();
        if (flat > nines) {
          nines = flat;
          member = Member.FLATLINE;
          int run = stillRun;
          why = () -> flatlineReason(x, run, m.stillShare(), m.step());
        }
      }
      averages = averages == Long.MAX_VALUE ? averages : averages + 1;
      double a = Math.max(parameters.likelihoodAlpha(), 1.0 / averages);
      double d = average - averageMean;
      averageMean += a * d;
      averageVariance = (1 - a) * (averageVariance + a * d * d);
      boolean youngRange = n < parameters.earlyRangeUntil() || !seenSeason;
      if (excess > parameters.rangeTolerance()
          && excess * width >= parameters.rangeMinSteps() * m.step()
          && (!youngRange || excess * width >= parameters.earlyRangeDeviations() * unit)) {
        double rangeNines = RANGE_BASE_NINES + RANGE_NINES_PER_RANGE * Math.min(excess, MAX_EXCESS);
        if (rangeNines > nines) {
          nines = rangeNines;
          member = Member.RANGE;
          double tolerance = parameters.rangeTolerance() * width;
          double centre = Math.min(Math.max(expected, m.min()), m.max());
          expectation = new ExpectedBand(centre, m.min() - tolerance, m.max() + tolerance);
          double beyond = excess;
          why = () -> rangeReason(x, m.min(), m.max(), beyond);
        }
      }
    }

    // Learn: bucket, overall level and spread, step, range.
    double[] bucketLevel = m.bucketLevel().clone();
    double[] bucketSpread = m.bucketSpread().clone();
    byte[] bucketCount = m.bucketCount().clone();
    int learned = bucketCount[b];
    if (learned == 0) {
      bucketLevel[b] = x;
      bucketSpread[b] = 0;
    } else {
      double weight =
          learned < parameters.bucketWarmup() ? 1.0 / (learned + 1) : parameters.bucketAlpha();
      double r = x - bucketLevel[b];
      if (bucketReady) {
        r =
            clip(
                r,
                parameters.clipDeviations()
                    * Math.max(bucketSpread[b], parameters.bucketSpreadFloor() * m.spread()));
      }
      bucketLevel[b] += weight * r;
      bucketSpread[b] += weight * (Math.abs(r) - bucketSpread[b]);
    }
    if (learned < parameters.bucketWarmup()) {
      bucketCount[b] = (byte) (learned + 1);
    }
    double weight = n <= parameters.warmup() ? 1.0 / n : parameters.levelAlpha();
    double r = x - m.level();
    double change = Math.abs(x - m.last());
    if (n > parameters.warmup()) {
      r = clip(r, parameters.clipDeviations() * unit);
      change = Math.min(change, parameters.clipDeviations() * floored(m.step(), m.last()));
    }
    double level = m.level() + weight * r;
    double spread = m.spread() + weight * (Math.abs(r) - m.spread());
    double step = m.step() + weight * (change - m.step());
    double peakDeviation =
        bucketReady
            ? Math.max(m.peakDeviation() * (1 - parameters.spikeMemory()), Math.abs(x - expected))
            : m.peakDeviation();
    double stillWeight = n <= parameters.warmup() ? 1.0 / n : parameters.likelihoodAlpha();
    double stillShare = m.stillShare() + stillWeight * ((still ? 1 : 0) - m.stillShare());
    if (!Double.isFinite(level) || !Double.isFinite(spread) || !Double.isFinite(step)) {
      // Values near Double.MAX_VALUE overflow the sums; start this feature again from the value.
      return new Result(
          nines,
          member,
          expectation,
          why,
          m.count(),
          first(FeatureModel.empty(parameters), x, epochMillis));
    }
    FeatureModel next =
        new FeatureModel(
            n,
            m.since(),
            level,
            spread,
            Math.min(m.min(), x),
            Math.max(m.max(), x),
            x,
            step,
            bucketLevel,
            bucketSpread,
            bucketCount,
            recent,
            averages,
            averageMean,
            averageVariance,
            peakDeviation,
            stillShare,
            stillRun);
    return new Result(nines, member, expectation, why, m.count(), next);
  }

  private FeatureModel first(FeatureModel empty, double x, long epochMillis) {
    int b = bucketOf(epochMillis);
    double[] bucketLevel = empty.bucketLevel().clone();
    byte[] bucketCount = empty.bucketCount().clone();
    bucketLevel[b] = x;
    bucketCount[b] = 1;
    return new FeatureModel(
        1,
        epochMillis,
        x,
        0,
        x,
        x,
        x,
        0,
        bucketLevel,
        empty.bucketSpread().clone(),
        bucketCount,
        empty.recent().clone(),
        0,
        0,
        0,
        0,
        0,
        0);
  }

  /** How many nines a standard normal upper tail beyond {@code z} is; 0 for z ≤ 0. */
  static double nines(double z) {
    if (!(z > 0)) {
      return 0;
    }
    if (z < 5) {
      return -Math.log10(Gaussian.upperTail(z));
    }
    // Mills' ratio: the tail is about φ(z)/z, whose logarithm does not underflow.
    return (z * z / 2 + Math.log(z * Math.sqrt(2 * Math.PI))) / Math.log(10);
  }

  private static double floored(double spread, double reference) {
    return Math.max(spread, RELATIVE_FLOOR * Math.max(1.0, Math.abs(reference)));
  }

  private static double clip(double r, double limit) {
    return Math.max(-limit, Math.min(limit, r));
  }

  private String deviationReason(
      double x,
      ExpectedBand band,
      double average,
      double usual,
      double sigma,
      boolean seasonal,
      int bucket) {
    String where =
        seasonal
            ? String.format(Locale.ROOT, " (phase bucket %d of %d)", bucket, parameters.buckets())
            : "";
    String recent =
        String.format(
            Locale.ROOT,
            "the last %d values were %.2f spreads from expected on average, usually %.2f ± %.2f",
            parameters.window(),
            average,
            usual,
            sigma);
    if (x < band.lower() || x > band.upper()) {
      return String.format(
          Locale.ROOT,
          "value %s is outside the expected band [%s, %s] around %s%s; %s",
          number(x),
          number(band.lower()),
          number(band.upper()),
          number(band.value()),
          where,
          recent);
    }
    return String.format(
        Locale.ROOT,
        "sustained deviation: %s; this value %s is inside the expected band [%s, %s]%s",
        recent,
        number(x),
        number(band.lower()),
        number(band.upper()),
        where);
  }

  private static String spikeReason(double x, ExpectedBand band, double peak) {
    double off = Math.abs(x - band.value());
    return String.format(
        Locale.ROOT,
        "value %s is %s away from the expected %s (band [%s, %s]), %.1f times the largest recent"
            + " distance from expected (%s)",
        number(x),
        number(off),
        number(band.value()),
        number(band.lower()),
        number(band.upper()),
        off / Math.max(peak, Double.MIN_NORMAL),
        number(peak));
  }

  private static String flatlineReason(double x, int run, double share, double step) {
    return String.format(
        Locale.ROOT,
        "flatline: the value %s repeated %d times in a row; this series changes by %s per step"
            + " typically and repeated a value in %.2f%% of steps",
        number(x),
        run,
        number(step),
        100 * share);
  }

  private static String rangeReason(double x, double min, double max, double excess) {
    boolean high = x > max;
    return String.format(
        Locale.ROOT,
        "new %s: %s is %s the %s value seen so far (%s) by %.1f%% of the range seen [%s, %s]",
        high ? "high" : "low",
        number(x),
        high ? "above" : "below",
        high ? "highest" : "lowest",
        number(high ? max : min),
        100 * Math.min(excess, MAX_EXCESS),
        number(min),
        number(max));
  }

  private String fastStartReason(double x, double last, double steps, long seen) {
    return String.format(
        Locale.ROOT,
        "jump from %s to %s is %.1f typical steps (fast start: %d values seen, the calibrated"
            + " deviation check starts after %d values and one whole season)",
        number(last),
        number(x),
        steps,
        seen,
        parameters.warmup() + parameters.likelihoodLearning());
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.4g", value);
  }
}
