package io.vigil.detect.seasonal;

import io.vigil.detect.Assessment;
import io.vigil.detect.Detector;
import io.vigil.detect.Scored;
import io.vigil.detect.StateMapper;
import io.vigil.detect.ewma.EwmaDetector;
import io.vigil.detect.ewma.EwmaState;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A seasonal baseline: the robust EWMA statistics of {@link EwmaDetector}, kept separately for each
 * phase of a fixed period (by default the hour of the day, UTC), learned online.
 *
 * <p>An observation at event time t falls in bucket ⌊(t mod period) / bucketWidth⌋. It is scored
 * against that bucket's statistics once the bucket has seen {@code bucket.warmup} observations, and
 * against the global (whole-series) statistics until then, so a new series is useful after the
 * global warm-up instead of after several periods. Both the global and the bucket statistics learn
 * from every observation, with the EWMA detector's outlier clipping: a spike hardly moves the
 * profile of its hour. A regular daily pattern is thus expected, while the same value at another
 * hour is not.
 */
public final class SeasonalDetector implements Detector<SeasonalState> {
  public static final String NAME = "seasonal";

  private final SeasonalParameters parameters;
  private final EwmaDetector global;
  private final EwmaDetector bucket;
  private final SeasonalStateMapper mapper = new SeasonalStateMapper();

  public SeasonalDetector(SeasonalParameters parameters) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    this.global = new EwmaDetector(parameters.global());
    this.bucket = new EwmaDetector(parameters.bucket());
  }

  public SeasonalParameters parameters() {
    return parameters;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SeasonalState newModel() {
    return SeasonalState.empty();
  }

  @Override
  public StateMapper<SeasonalState> mapper() {
    return mapper;
  }

  /** The phase bucket of {@code time}. */
  public int bucketOf(Instant time) {
    long phase = Math.floorMod(time.toEpochMilli(), parameters.period().toMillis());
    return (int) (phase / parameters.bucketWidth().toMillis());
  }

  @Override
  public Scored<SeasonalState> score(
      SeasonalState model, Map<String, Double> features, Instant time) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(time, "time");
    int index = bucketOf(time);
    Scored<EwmaState> wide = global.score(model.global(), features, time);
    Scored<EwmaState> local = bucket.score(model.bucket(index), features, time);
    Assessment chosen = local.assessment().warmingUp() ? wide.assessment() : local.assessment();
    Assessment assessment =
        new Assessment(
            chosen.rawScore(),
            chosen.score(),
            chosen.expected(),
            chosen.attribution(),
            wide.assessment().observations(),
            wide.assessment().warmingUp(),
            NAME);
    SortedMap<Integer, EwmaState> buckets = new TreeMap<>(model.buckets());
    buckets.put(index, local.model());
    return new Scored<>(new SeasonalState(wide.model(), buckets), assessment);
  }
}
