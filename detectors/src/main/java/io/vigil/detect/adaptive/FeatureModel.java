package io.vigil.detect.adaptive;

import java.util.Arrays;

/**
 * What the {@link AdaptiveDetector} keeps of one feature. Fixed size whatever the series' length:
 * about 600 bytes with the default 24 buckets and a window of 20.
 *
 * <p>The arrays are never changed after construction (each observation builds new ones), so a model
 * is as immutable as the record's other components; do not modify the arrays you read.
 *
 * @param count values observed
 * @param since event time (epoch milliseconds) of the first value
 * @param level robust overall level (exponentially weighted, clipped)
 * @param spread robust overall spread (mean absolute deviation around the level)
 * @param min lowest value seen
 * @param max highest value seen
 * @param last the previous value
 * @param step typical absolute change from one value to the next
 * @param bucketLevel per phase bucket, the level
 * @param bucketSpread per phase bucket, the spread
 * @param bucketCount per phase bucket, values learned (capped at the bucket warm-up)
 * @param recent the last deviations (in spreads), a ring of {@code window} entries
 * @param averages averages of recent deviations learned by the likelihood
 * @param averageMean long-run mean of those averages
 * @param averageVariance long-run variance of those averages
 * @param peakDeviation the largest recent distance of a value from its expectation (decaying)
 * @param stillShare share of values equal to the previous one (exponentially weighted)
 * @param stillRun values equal to the previous one in a row, up to now
 */
public record FeatureModel(
    long count,
    long since,
    double level,
    double spread,
    double min,
    double max,
    double last,
    double step,
    double[] bucketLevel,
    double[] bucketSpread,
    byte[] bucketCount,
    float[] recent,
    long averages,
    double averageMean,
    double averageVariance,
    double peakDeviation,
    double stillShare,
    int stillRun) {

  public FeatureModel {
    if (count < 0 || averages < 0 || stillRun < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
    if (bucketLevel.length != bucketSpread.length || bucketLevel.length != bucketCount.length) {
      throw new IllegalArgumentException("bucket arrays differ in length");
    }
    if (recent.length == 0) {
      throw new IllegalArgumentException("the window needs at least one entry");
    }
  }

  /** A feature not observed yet. */
  static FeatureModel empty(AdaptiveParameters parameters) {
    int buckets = parameters.buckets();
    return new FeatureModel(
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        new double[buckets],
        new double[buckets],
        new byte[buckets],
        new float[parameters.window()],
        0,
        0,
        0,
        0,
        0,
        0);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FeatureModel f
        && count == f.count
        && since == f.since
        && Double.compare(level, f.level) == 0
        && Double.compare(spread, f.spread) == 0
        && Double.compare(min, f.min) == 0
        && Double.compare(max, f.max) == 0
        && Double.compare(last, f.last) == 0
        && Double.compare(step, f.step) == 0
        && Arrays.equals(bucketLevel, f.bucketLevel)
        && Arrays.equals(bucketSpread, f.bucketSpread)
        && Arrays.equals(bucketCount, f.bucketCount)
        && Arrays.equals(recent, f.recent)
        && averages == f.averages
        && Double.compare(averageMean, f.averageMean) == 0
        && Double.compare(averageVariance, f.averageVariance) == 0
        && Double.compare(peakDeviation, f.peakDeviation) == 0
        && Double.compare(stillShare, f.stillShare) == 0
        && stillRun == f.stillRun;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(count) * 31 + Double.hashCode(level) * 17 + Arrays.hashCode(recent);
  }

  @Override
  public String toString() {
    return "FeatureModel[count=" + count + ", level=" + level + ", spread=" + spread + "]";
  }
}
