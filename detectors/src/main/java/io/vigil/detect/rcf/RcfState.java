package io.vigil.detect.rcf;

import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;
import io.vigil.detect.ewma.EwmaState;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Random Cut Forest model of one series.
 *
 * <p>Unlike the other detectors' states this one is <b>not</b> an immutable value: copying a forest
 * for every event would cost far more than scoring it. Ownership is linear instead: {@link
 * RcfDetector#score} hands the forest on to the state it returns, and the state it was given is
 * spent; using a spent state again (to score or to write) throws {@link IllegalStateException}.
 * Callers that keep only the latest model per key, as the stream processor and the NAB harness do,
 * never notice.
 */
public final class RcfState {
  private final List<String> features;
  private final double[] lastValues;
  private final EwmaState moments;
  private final ThresholdedRandomCutForest forest;
  private final AtomicBoolean spent = new AtomicBoolean(false);

  /**
   * @param features the forest's feature names, sorted, fixed by the first observation (empty
   *     before it)
   * @param lastValues last observed value per feature (fills a feature missing from an event)
   * @param moments robust moving statistics per feature, for expected bands and early warm-up
   * @param forest the thresholded forest, or null before the first observation
   */
  public RcfState(
      List<String> features,
      double[] lastValues,
      EwmaState moments,
      ThresholdedRandomCutForest forest) {
    this.features = List.copyOf(features);
    this.lastValues = lastValues.clone();
    this.moments = Objects.requireNonNull(moments, "moments");
    this.forest = forest;
    if (this.lastValues.length != this.features.size()) {
      throw new IllegalArgumentException("one last value per feature needed");
    }
    if ((forest == null) != this.features.isEmpty()) {
      throw new IllegalArgumentException("a forest exists exactly when features are known");
    }
  }

  public static RcfState empty() {
    return new RcfState(List.of(), new double[0], EwmaState.empty(), null);
  }

  public List<String> features() {
    return features;
  }

  public double[] lastValues() {
    return lastValues.clone();
  }

  public EwmaState moments() {
    return moments;
  }

  /** Observations the forest has learned. */
  public long updates() {
    return forest == null ? 0 : forest.getForest().getTotalUpdates();
  }

  /** True once this state was scored or replaced; it must not be used again. */
  public boolean isSpent() {
    return spent.get();
  }

  ThresholdedRandomCutForest forest() {
    if (spent.get()) {
      throw new IllegalStateException(
          "this RCF state was already scored; use the state returned by score()");
    }
    return forest;
  }

  /** Hands the forest on: after this call the state is spent. */
  ThresholdedRandomCutForest take() {
    if (spent.getAndSet(true)) {
      throw new IllegalStateException(
          "this RCF state was already scored; use the state returned by score()");
    }
    return forest;
  }

  @Override
  public String toString() {
    return "RcfState[features="
        + features
        + ", lastValues="
        + Arrays.toString(lastValues)
        + ", updates="
        + (spent.get() ? "spent" : updates())
        + "]";
  }
}
