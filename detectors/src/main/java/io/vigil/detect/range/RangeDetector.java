package io.vigil.detect.range;

import io.vigil.detect.Assessment;
import io.vigil.detect.Detector;
import io.vigil.detect.ExpectedBand;
import io.vigil.detect.Scored;
import io.vigil.detect.StateMapper;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Flags values outside the range a series has shown so far: a new high above the highest value
 * seen, or a new low below the lowest, measured in units of the series' typical deviation. The
 * range shrinks slowly towards the mean (by {@code shrink} of its width per observation), so old
 * excursions are forgotten over a long horizon, while level shifts, spikes and dips beyond anything
 * seen stand out even in noisy series. The raw score is uncalibrated: wrap it in a {@link
 * io.vigil.detect.calibration.CalibratedDetector}.
 *
 * @param alpha weight of a new observation in the mean and spread
 * @param shrink share of the range's distance to the mean given up per observation
 * @param warmup observations of a feature before its range is trusted
 */
public record RangeDetector(double alpha, double shrink, int warmup)
    implements Detector<RangeState> {
  public static final String NAME = "range";

  public RangeDetector {
    if (!(alpha > 0 && alpha < 1) || !(shrink >= 0 && shrink < 1) || warmup < 1) {
      throw new IllegalArgumentException(
          "need 0 < alpha < 1, 0 <= shrink < 1, warmup >= 1; was "
              + alpha
              + ", "
              + shrink
              + ", "
              + warmup);
    }
  }

  /** The parameters evaluated on NAB (see the module README). */
  public static RangeDetector defaults() {
    return new RangeDetector(0.01, 0.000005, 100);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RangeState newModel() {
    return RangeState.empty();
  }

  @Override
  public StateMapper<RangeState> mapper() {
    return new RangeStateMapper();
  }

  @Override
  public Scored<RangeState> score(RangeState model, Map<String, Double> features, Instant time) {
    Objects.requireNonNull(model, "model");
    if (features.isEmpty()) {
      throw new IllegalArgumentException("no features to score");
    }
    Map<String, RangeState.Feature> next = new HashMap<>(model.features());
    Map<String, ExpectedBand> expected = new HashMap<>();
    Map<String, Double> surprise = new HashMap<>();
    long observations = Long.MAX_VALUE;
    double raw = 0.0;
    String worst = null;
    for (var entry : features.entrySet()) {
      double x = entry.getValue();
      if (!Double.isFinite(x)) {
        throw new IllegalArgumentException(entry.getKey() + " is not finite: " + x);
      }
      RangeState.Feature f = model.features().get(entry.getKey());
      if (f == null) {
        next.put(entry.getKey(), new RangeState.Feature(1, x, 0.0, x, x));
        expected.put(entry.getKey(), new ExpectedBand(x, x, x));
        observations = 0;
        continue;
      }
      observations = Math.min(observations, f.count());
      double unit = Math.max(f.spread(), 1e-9 * Math.max(1.0, Math.abs(f.mean())));
      double beyond = Math.max(0.0, Math.max(x - f.max(), f.min() - x)) / unit;
      surprise.put(entry.getKey(), beyond);
      if (beyond > raw || worst == null) {
        raw = Math.max(raw, beyond);
        worst = entry.getKey();
      }
      expected.put(
          entry.getKey(),
          new ExpectedBand(Math.min(Math.max(f.mean(), f.min()), f.max()), f.min(), f.max()));
      double mean = f.mean() + alpha * (x - f.mean());
      double spread = f.spread() + alpha * (Math.abs(x - f.mean()) - f.spread());
      if (f.count() < warmup) {
        // Learn the spread quickly at first: the slow weight would take thousands of rows.
        double w = 1.0 / (f.count() + 1);
        mean = f.mean() + w * (x - f.mean());
        spread = f.spread() + w * (Math.abs(x - f.mean()) - f.spread());
      }
      double max = Math.max(x, f.max() - shrink * (f.max() - mean));
      double min = Math.min(x, f.min() + shrink * (mean - f.min()));
      next.put(entry.getKey(), new RangeState.Feature(f.count() + 1, mean, spread, min, max));
    }
    Map<String, Double> attribution = new HashMap<>();
    double total = surprise.values().stream().mapToDouble(Double::doubleValue).sum();
    for (String name : features.keySet()) {
      attribution.put(
          name, total > 0 ? surprise.getOrDefault(name, 0.0) / total : 1.0 / features.size());
    }
    boolean warmingUp = observations < warmup;
    double score = raw <= 0 ? 0.0 : 1.0 - Math.exp(-raw);
    return new Scored<>(
        new RangeState(next),
        new Assessment(raw, score, expected, attribution, observations, warmingUp, NAME));
  }
}
