package io.vigil.processor.detector;

import io.vigil.detect.Detector;
import io.vigil.detect.StateMapper;
import io.vigil.detect.ewma.EwmaDetector;
import io.vigil.detect.ewma.EwmaParameters;
import io.vigil.detect.pipeline.DetectorCatalog;
import io.vigil.detect.pipeline.KeyScorer;
import io.vigil.detect.pipeline.ScoringPolicy;
import io.vigil.schemas.config.SilenceRule;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes detector setups by name and parameters. The setups are those of the {@link DetectorCatalog}
 * (the ones the NAB harness evaluates), so a new setup plugs in there.
 *
 * <p>{@code ewma} takes parameters {@code alpha} or {@code halfLife}, {@code bandSigmas}, {@code
 * clipSigmas}, {@code maxClippedRun}; unset ones keep the processor's settings. The other setups
 * take none: their parameters are the catalogue's, the same for every key, as evaluated.
 */
public final class DetectorFactory {
  private static final Set<String> EWMA_PARAMETERS =
      Set.of("alpha", "halfLife", "bandSigmas", "clipSigmas", "maxClippedRun");

  private final EwmaParameters ewmaDefaults;
  private final Map<String, StateMapper<?>> mappers = new ConcurrentHashMap<>();

  public DetectorFactory(EwmaParameters ewmaDefaults) {
    this.ewmaDefaults = ewmaDefaults;
  }

  /** The configuration names of every setup, e.g. {@code [ewma, seasonal, …]}. */
  public static Set<String> names() {
    Set<String> names = new TreeSet<>();
    Arrays.stream(DetectorCatalog.values()).map(DetectorCatalog::configName).forEach(names::add);
    return names;
  }

  /**
   * The settings of keys of {@code pattern} (config {@code version}): the setup {@code name}, tuned
   * by {@code parameters} over the defaults, scoring with {@code policy}, silence rule {@code
   * silence} (null: none).
   *
   * @throws IllegalArgumentException with the reason, for an unknown setup or bad parameters
   */
  public KeySettings settings(
      String pattern,
      int version,
      String name,
      Map<String, Double> parameters,
      ScoringPolicy policy,
      SilenceRule silence) {
    DetectorCatalog setup = setup(name);
    return new KeySettings(
        pattern, version, setup.configName(), scorer(setup, parameters, policy), silence);
  }

  /**
   * The scorer of {@code setup} with its model type erased, so that one store holds the states of
   * every setup side by side; the single unchecked cast lives here.
   */
  @SuppressWarnings("unchecked")
  private KeyScorer<Object> scorer(
      DetectorCatalog setup, Map<String, Double> parameters, ScoringPolicy policy) {
    Detector<?> detector;
    if (setup == DetectorCatalog.EWMA) {
      detector = new EwmaDetector(ewma(parameters, policy.alerts().warmup()));
    } else {
      if (!parameters.isEmpty()) {
        throw new IllegalArgumentException(
            "/parameters: detector '"
                + setup.configName()
                + "' takes no parameters, got "
                + new TreeSet<>(parameters.keySet()));
      }
      detector = setup.create();
    }
    return new KeyScorer<>((Detector<Object>) detector, policy);
  }

  private EwmaParameters ewma(Map<String, Double> parameters, long warmup) {
    Set<String> unknown = new TreeSet<>(parameters.keySet());
    unknown.removeAll(EWMA_PARAMETERS);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "/parameters: unknown for ewma: "
              + unknown
              + ", known: "
              + new TreeSet<>(EWMA_PARAMETERS));
    }
    if (parameters.containsKey("alpha") && parameters.containsKey("halfLife")) {
      throw new IllegalArgumentException("/parameters: set alpha or halfLife, not both");
    }
    double alpha =
        parameters.containsKey("halfLife")
            ? EwmaParameters.alphaForHalfLife(parameters.get("halfLife"))
            : parameters.getOrDefault("alpha", ewmaDefaults.alpha());
    return new EwmaParameters(
        alpha,
        (int) Math.max(2, Math.min(warmup, Integer.MAX_VALUE)),
        parameters.getOrDefault("bandSigmas", ewmaDefaults.bandSigmas()),
        parameters.getOrDefault("clipSigmas", ewmaDefaults.clipSigmas()),
        parameters.containsKey("maxClippedRun")
            ? (int) Math.round(parameters.get("maxClippedRun"))
            : ewmaDefaults.maxClippedRun());
  }

  /** Reads stored models of setup {@code name}, if this build knows it. */
  public Optional<StateMapper<?>> mapper(String name) {
    try {
      DetectorCatalog setup = setup(name);
      return Optional.of(mappers.computeIfAbsent(setup.configName(), n -> setup.create().mapper()));
    } catch (IllegalArgumentException unknown) {
      return Optional.empty();
    }
  }

  private static DetectorCatalog setup(String name) {
    try {
      return DetectorCatalog.byName(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "/detector: unknown detector '" + name + "', known: " + names(), e);
    }
  }
}
