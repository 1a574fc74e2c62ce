package io.vigil.detect.seasonal;

import io.vigil.detect.ewma.EwmaParameters;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the {@link SeasonalDetector}.
 *
 * @param period length of the season in event time (default one day; {@link #weekly()} for a week)
 * @param bucketWidth width of one phase bucket (default one hour); must divide the period
 * @param global the whole-series baseline, used while a bucket is cold
 * @param bucket the per-bucket baseline; its {@code warmup} is the observations a bucket needs
 *     before it replaces the global baseline
 */
public record SeasonalParameters(
    Duration period, Duration bucketWidth, EwmaParameters global, EwmaParameters bucket) {

  public static final Duration DEFAULT_PERIOD = Duration.ofDays(1);
  public static final Duration DEFAULT_BUCKET_WIDTH = Duration.ofHours(1);

  /** Each bucket sees one observation in {@code period/bucketWidth}, so it learns faster. */
  public static final double DEFAULT_BUCKET_ALPHA = 0.1;

  public static final int DEFAULT_BUCKET_WARMUP = 10;

  public SeasonalParameters {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(bucketWidth, "bucketWidth");
    Objects.requireNonNull(global, "global");
    Objects.requireNonNull(bucket, "bucket");
    if (bucketWidth.toMillis() <= 0 || period.toMillis() < bucketWidth.toMillis()) {
      throw new IllegalArgumentException(
          "need 0 < bucketWidth <= period, were " + bucketWidth + ", " + period);
    }
    if (period.toMillis() % bucketWidth.toMillis() != 0) {
      throw new IllegalArgumentException(
          "bucketWidth " + bucketWidth + " must divide the period " + period);
    }
    if (period.toMillis() / bucketWidth.toMillis() > 100_000) {
      throw new IllegalArgumentException("more than 100000 buckets per period");
    }
  }

  public static SeasonalParameters defaults() {
    return daily();
  }

  /** One-day season, hourly buckets. */
  public static SeasonalParameters daily() {
    return new SeasonalParameters(
        DEFAULT_PERIOD, DEFAULT_BUCKET_WIDTH, EwmaParameters.defaults(), defaultBucket());
  }

  /** One-week season, hourly buckets (168 per week). */
  public static SeasonalParameters weekly() {
    return new SeasonalParameters(
        Duration.ofDays(7), DEFAULT_BUCKET_WIDTH, EwmaParameters.defaults(), defaultBucket());
  }

  private static EwmaParameters defaultBucket() {
    return EwmaParameters.defaults()
        .withAlpha(DEFAULT_BUCKET_ALPHA)
        .withWarmup(DEFAULT_BUCKET_WARMUP);
  }

  public int buckets() {
    return (int) (period.toMillis() / bucketWidth.toMillis());
  }
}
