package io.vigil.processor.detector;

import io.vigil.detect.StateMapper;
import io.vigil.detect.ewma.EwmaDetector;
import io.vigil.detect.ewma.EwmaParameters;
import io.vigil.detect.ewma.EwmaStateMapper;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes detectors by name and parameters. The one place that knows the available detectors: a new
 * detector plugs in here (its name, how its parameters are read, its model mapper).
 *
 * <p>{@code ewma} parameters: {@code alpha} or {@code halfLife}, {@code bandSigmas}, {@code
 * clipSigmas}, {@code maxClippedRun}; unset ones keep the processor's settings.
 */
public final class DetectorFactory {
  private static final Set<String> EWMA_PARAMETERS =
      Set.of("alpha", "halfLife", "bandSigmas", "clipSigmas", "maxClippedRun");

  private final EwmaParameters ewmaDefaults;

  public DetectorFactory(EwmaParameters ewmaDefaults) {
    this.ewmaDefaults = ewmaDefaults;
  }

  /**
   * A detector for {@code name}, tuned by {@code parameters} over the defaults, that needs {@code
   * warmup} observations.
   *
   * @throws IllegalArgumentException with the reason, for an unknown detector or bad parameters
   */
  public ModelDetector create(String name, Map<String, Double> parameters, int warmup) {
    if (!EwmaDetector.NAME.equals(name)) {
      throw new IllegalArgumentException(
          "/detector: unknown detector '" + name + "', known: " + EwmaDetector.NAME);
    }
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
    EwmaParameters tuned =
        new EwmaParameters(
            alpha,
            Math.max(2, warmup),
            parameters.getOrDefault("bandSigmas", ewmaDefaults.bandSigmas()),
            parameters.getOrDefault("clipSigmas", ewmaDefaults.clipSigmas()),
            parameters.containsKey("maxClippedRun")
                ? (int) Math.round(parameters.get("maxClippedRun"))
                : ewmaDefaults.maxClippedRun());
    return ModelDetector.of(new EwmaDetector(tuned));
  }

  /** Reads stored models of detector {@code name}, if this build knows it. */
  public Optional<StateMapper<?>> mapper(String name) {
    return EwmaDetector.NAME.equals(name) ? Optional.of(new EwmaStateMapper()) : Optional.empty();
  }
}
