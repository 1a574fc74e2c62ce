package io.vigil.detect.rcf;

import com.amazon.randomcutforest.config.TransformMethod;
import com.amazon.randomcutforest.parkservices.AnomalyDescriptor;
import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;
import io.vigil.detect.Assessment;
import io.vigil.detect.Detector;
import io.vigil.detect.ExpectedBand;
import io.vigil.detect.Scored;
import io.vigil.detect.StateMapper;
import io.vigil.detect.ewma.EwmaDetector;
import io.vigil.detect.ewma.EwmaParameters;
import io.vigil.detect.ewma.EwmaState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Random Cut Forest (the {@code software.amazon.randomcutforest} library's {@link
 * ThresholdedRandomCutForest}): isolation-based novelty of a point among a sample of recent ones.
 *
 * <p>A one-feature series is shingled ({@code shingleSize} consecutive values make one point), so
 * the forest judges the recent shape; a multi-feature series uses each event's feature vector (with
 * {@code multivariateShingleSize}). Inputs are normalised by the library. The feature set is fixed
 * by the first observation: a feature missing from a later event takes its last value, and a
 * feature not in the set is not seen by the forest (it is still reported with its moving
 * statistics).
 *
 * <p><b>Scores.</b> The raw score is the forest's RCF score (about 1 for ordinary points, larger
 * for isolated ones). The calibrated score is the thresholded forest's anomaly grade in [0,1]: 0
 * unless the score crosses the library's adaptive threshold. To put it on the same scale as other
 * detectors, wrap the detector in {@link io.vigil.detect.calibration.CalibratedDetector} (anomaly
 * likelihood over the raw score).
 *
 * <p><b>Explanation.</b> Expected value per feature: the forest's expected values when it reports
 * them for the current point (grade above 0), else the feature's robust moving mean (the EWMA
 * detector's statistics, kept alongside); the band is ± {@code bandSigmas} moving standard
 * deviations around it. Attribution: the forest's per-feature attribution of the current point,
 * normalised to sum 1.
 *
 * <p>The state is not an immutable value, see {@link RcfState}.
 */
public final class RcfDetector implements Detector<RcfState> {
  public static final String NAME = "rcf";

  private final RcfParameters parameters;
  private final EwmaDetector moments;
  private final RcfStateMapper mapper = new RcfStateMapper();

  public RcfDetector(RcfParameters parameters) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    this.moments =
        new EwmaDetector(
            EwmaParameters.defaults()
                .withWarmup(
                    Math.max(2, Math.min(parameters.warmup(), EwmaParameters.DEFAULT_WARMUP))));
  }

  public RcfParameters parameters() {
    return parameters;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public RcfState newModel() {
    return RcfState.empty();
  }

  @Override
  public StateMapper<RcfState> mapper() {
    return mapper;
  }

  @Override
  public Scored<RcfState> score(RcfState model, Map<String, Double> features, Instant time) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(time, "time");
    Scored<EwmaState> stats = moments.score(model.moments(), features, time);
    ThresholdedRandomCutForest forest = model.take();
    List<String> names = model.features();
    if (forest == null) {
      names = new ArrayList<>(new TreeMap<>(features).keySet());
      forest = newForest(names.size());
    }
    double[] point = new double[names.size()];
    double[] last = model.features().isEmpty() ? new double[names.size()] : model.lastValues();
    for (int i = 0; i < point.length; i++) {
      Double value = features.get(names.get(i));
      point[i] = value == null ? last[i] : value;
    }
    AnomalyDescriptor descriptor = forest.process(point, time.toEpochMilli());
    double raw = finiteOrZero(descriptor.getRCFScore());
    double grade = Math.max(0.0, Math.min(1.0, finiteOrZero(descriptor.getAnomalyGrade())));
    Assessment base = stats.assessment();
    long updates = forest.getForest().getTotalUpdates();
    Assessment assessment =
        new Assessment(
            raw,
            grade,
            expectations(names, base, descriptor),
            attribution(names, base, descriptor),
            Math.max(0, updates - 1),
            updates <= parameters.warmup(),
            NAME);
    RcfState next = new RcfState(names, point, stats.model(), forest);
    return new Scored<>(next, assessment);
  }

  private ThresholdedRandomCutForest newForest(int features) {
    int shingle = parameters.shingleFor(features);
    return ThresholdedRandomCutForest.builder()
        .dimensions(features * shingle)
        .shingleSize(shingle)
        .internalShinglingEnabled(true)
        .numberOfTrees(parameters.trees())
        .sampleSize(parameters.sampleSize())
        .transformMethod(TransformMethod.NORMALIZE)
        .randomSeed(parameters.seed())
        .parallelExecutionEnabled(false)
        .build();
  }

  private Map<String, ExpectedBand> expectations(
      List<String> names, Assessment base, AnomalyDescriptor descriptor) {
    double[] forestExpected = null;
    double[][] list = descriptor.getExpectedValuesList();
    if (descriptor.isExpectedValuesPresent()
        && descriptor.getRelativeIndex() == 0
        && list != null
        && list.length > 0
        && list[0] != null
        && list[0].length == names.size()) {
      forestExpected = list[0];
    }
    SortedMap<String, ExpectedBand> expected = new TreeMap<>(base.expected());
    for (int i = 0; i < names.size(); i++) {
      ExpectedBand moving = base.expected().get(names.get(i));
      if (moving == null) {
        continue;
      }
      double centre = moving.value();
      double halfBand = (moving.upper() - moving.lower()) / 2.0;
      halfBand *= parameters.bandSigmas() / EwmaParameters.DEFAULT_BAND_SIGMAS;
      if (forestExpected != null && Double.isFinite(forestExpected[i])) {
        centre = forestExpected[i];
      }
      expected.put(names.get(i), new ExpectedBand(centre, centre - halfBand, centre + halfBand));
    }
    return expected;
  }

  private static Map<String, Double> attribution(
      List<String> names, Assessment base, AnomalyDescriptor descriptor) {
    double[] relevant = descriptor.getRelevantAttribution();
    if (relevant == null || relevant.length != names.size()) {
      return base.attribution();
    }
    double sum = 0.0;
    for (double share : relevant) {
      sum += Math.max(0.0, finiteOrZero(share));
    }
    if (!(sum > 0.0)) {
      return base.attribution();
    }
    SortedMap<String, Double> shares = new TreeMap<>();
    base.attribution().keySet().forEach(name -> shares.put(name, 0.0));
    for (int i = 0; i < names.size(); i++) {
      shares.put(names.get(i), Math.max(0.0, finiteOrZero(relevant[i])) / sum);
    }
    return shares;
  }

  private static double finiteOrZero(double value) {
    return Double.isFinite(value) ? value : 0.0;
  }
}
