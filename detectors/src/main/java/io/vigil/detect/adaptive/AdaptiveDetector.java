package io.vigil.detect.adaptive;

import io.vigil.detect.Assessment;
import io.vigil.detect.Detector;
import io.vigil.detect.ExpectedBand;
import io.vigil.detect.Scored;
import io.vigil.detect.StateMapper;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Vigil's default detector: cheap, bounded, explained. Per feature a robust hour-of-day profile
 * with an anomaly likelihood of recent deviations, a new-high/new-low check and a fast-start jump
 * check (see {@link FeatureScorer}); about 600 bytes and a few microseconds per feature, whatever
 * the series' length.
 *
 * <p>Several features ({@code values}) are judged each on its own; the series' surprise is the
 * largest feature's minus log<sub>10</sub> of the number of features, so a series with more
 * features does not alert more often. Attribution is each feature's share of the surprise. The
 * calibrated score is 1 − 10<sup>−(nines + offset)</sup>: the processor's default threshold 0.99999
 * is this detector's operating point. The assessment names the member that fired ({@code
 * adaptive/range}, {@code adaptive/deviation}, {@code adaptive/spike}, …) and, from a score of
 * {@link #EXPLAINED_FROM}, explains with numbers why.
 *
 * <p>One alert per incident is the {@link io.vigil.detect.pipeline.KeyScorer}'s job (suppression
 * with escalation), not this detector's: its scores are never masked.
 */
public final class AdaptiveDetector implements Detector<AdaptiveState> {
  public static final String NAME = "adaptive";

  /**
   * Scores from which the assessment carries its explanation: two orders of magnitude below the
   * default threshold, so every alert is explained while the formatting stays off the hot path of
   * ordinary events.
   */
  public static final double EXPLAINED_FROM = 0.999;

  private final AdaptiveParameters parameters;
  private final FeatureScorer features;
  private final AdaptiveStateMapper mapper;

  public AdaptiveDetector(AdaptiveParameters parameters) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    this.features = new FeatureScorer(parameters);
    this.mapper = new AdaptiveStateMapper(parameters);
  }

  public static AdaptiveDetector defaults() {
    return new AdaptiveDetector(AdaptiveParameters.defaults());
  }

  public AdaptiveParameters parameters() {
    return parameters;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public AdaptiveState newModel() {
    return AdaptiveState.empty();
  }

  @Override
  public StateMapper<AdaptiveState> mapper() {
    return mapper;
  }

  @Override
  public Scored<AdaptiveState> score(
      AdaptiveState model, Map<String, Double> observed, Instant time) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(time, "time");
    if (observed == null || observed.isEmpty()) {
      throw new IllegalArgumentException("an observation needs at least one feature");
    }
    long millis = time.toEpochMilli();
    Map<String, FeatureModel> learned = new HashMap<>();
    Map<String, ExpectedBand> expected = new TreeMap<>();
    Map<String, Double> surprise = new TreeMap<>();
    FeatureScorer.Result worst = null;
    String worstName = null;
    long observations = Long.MAX_VALUE;
    for (var entry : observed.entrySet()) {
      String name = entry.getKey();
      Double value = entry.getValue();
      if (value == null || !Double.isFinite(value)) {
        throw new IllegalArgumentException("feature " + name + " is not a finite number: " + value);
      }
      FeatureModel current = model.features().get(name);
      FeatureScorer.Result result =
          features.observe(
              current == null ? FeatureModel.empty(parameters) : current, value, millis);
      learned.put(name, result.next());
      expected.put(name, result.expectation());
      surprise.put(name, result.nines());
      observations = Math.min(observations, result.observations());
      if (worst == null
          || result.nines() > worst.nines()
          || (result.nines() == worst.nines() && name.compareTo(worstName) < 0)) {
        worst = result;
        worstName = name;
      }
    }
    double nines = worst.nines() - Math.log10(observed.size());
    double score = nines > 0 ? 1.0 - Math.pow(10, -(nines + parameters.ninesOffset())) : 0.0;
    String explanation = score >= EXPLAINED_FROM ? explain(worst, worstName, observed.size()) : "";
    return new Scored<>(
        model.with(learned),
        new Assessment(
            nines,
            Math.max(0.0, Math.min(1.0, score)),
            expected,
            attribution(surprise),
            observations,
            observations < parameters.warmup(),
            worst.member().detectorName(),
            explanation));
  }

  private static String explain(FeatureScorer.Result worst, String name, int features) {
    String reason = worst.explanation().get();
    return features == 1 || reason.isEmpty() ? reason : name + ": " + reason;
  }

  private static Map<String, Double> attribution(Map<String, Double> surprise) {
    double total = 0;
    for (double nines : surprise.values()) {
      total += Math.max(0, nines);
    }
    Map<String, Double> shares = new TreeMap<>();
    for (var entry : surprise.entrySet()) {
      shares.put(
          entry.getKey(),
          total > 0 ? Math.max(0, entry.getValue()) / total : 1.0 / surprise.size());
    }
    return shares;
  }
}
