package io.vigil.detect.pipeline;

import io.vigil.detect.Detector;
import io.vigil.detect.adaptive.AdaptiveDetector;
import io.vigil.detect.calibration.CalibratedDetector;
import io.vigil.detect.ensemble.EnsembleDetector;
import io.vigil.detect.ewma.EwmaDetector;
import io.vigil.detect.ewma.EwmaParameters;
import io.vigil.detect.range.RangeDetector;
import io.vigil.detect.rcf.RcfDetector;
import io.vigil.detect.rcf.RcfParameters;
import io.vigil.detect.seasonal.SeasonalDetector;
import io.vigil.detect.seasonal.SeasonalParameters;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The detector configurations Vigil offers by name (for configuration and the detector-config
 * topic), each with default parameters. Anomaly-likelihood calibration is applied where the NAB
 * quick check showed it is needed (see the module README).
 */
public enum DetectorCatalog {
  /**
   * The default: robust hour-of-day profile with a likelihood of recent deviations, new highs and
   * lows, and a fast start; bounded state, microseconds per event, every alert explained.
   */
  ADAPTIVE(AdaptiveDetector::defaults),
  /** The EWMA baseline with its own Gaussian calibration. */
  EWMA(() -> new EwmaDetector(EwmaParameters.defaults())),
  /** Daily seasonal baseline, calibrated by anomaly likelihood. */
  SEASONAL(() -> CalibratedDetector.of(new SeasonalDetector(SeasonalParameters.daily()))),
  /** Weekly seasonal baseline, calibrated by anomaly likelihood. */
  SEASONAL_WEEKLY(() -> CalibratedDetector.of(new SeasonalDetector(SeasonalParameters.weekly()))),
  /** Random Cut Forest, calibrated by anomaly likelihood. */
  RCF(() -> CalibratedDetector.of(new RcfDetector(RcfParameters.defaults()))),
  /** Calibrated daily seasonal + calibrated RCF. */
  ENSEMBLE(() -> EnsembleDetector.of(SEASONAL.create(), RCF.create())),
  /** New highs and lows beyond the range seen so far, calibrated by anomaly likelihood. */
  RANGE(() -> CalibratedDetector.of(RangeDetector.defaults())),
  /** The ensemble plus the range detector. */
  ENSEMBLE_RANGE(() -> EnsembleDetector.of(SEASONAL.create(), RCF.create(), RANGE.create()));

  private final Supplier<Detector<?>> factory;

  DetectorCatalog(Supplier<Detector<?>> factory) {
    this.factory = factory;
  }

  /** A new detector of this configuration (detectors hold only parameters; share freely). */
  public Detector<?> create() {
    return factory.get();
  }

  /**
   * The configuration name as written in settings: lower case with dashes, e.g. seasonal-weekly.
   */
  public String configName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * @throws IllegalArgumentException naming the known configurations, for an unknown name
   */
  public static DetectorCatalog byName(String name) {
    for (DetectorCatalog entry : values()) {
      if (entry.configName().equalsIgnoreCase(name.trim())) {
        return entry;
      }
    }
    throw new IllegalArgumentException(
        "unknown detector "
            + name
            + ", known: "
            + List.of(values()).stream().map(DetectorCatalog::configName).toList());
  }
}
