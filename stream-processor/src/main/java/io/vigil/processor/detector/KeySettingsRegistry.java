package io.vigil.processor.detector;

import io.vigil.detect.AlertPolicy;
import io.vigil.detect.SeverityBands;
import io.vigil.detect.pipeline.AlertRules;
import io.vigil.detect.pipeline.Maintenance;
import io.vigil.detect.pipeline.ScoringPolicy;
import io.vigil.schemas.config.DetectorConfig;
import io.vigil.schemas.config.KeyPattern;
import java.util.Map;
import java.util.TreeMap;

/**
 * The detector configs in force, by key pattern, and the resolution of a key to its {@link
 * KeySettings}: the most specific matching pattern ({@link KeyPattern#MOST_SPECIFIC_FIRST}), else
 * the processor's own settings. Written by the global config processor, read by every stream
 * thread: the patterns are replaced as one immutable map, so readers never lock and never see half
 * an update.
 */
public final class KeySettingsRegistry {
  private final DetectorFactory factory;
  private final KeySettings fallback;
  private volatile Map<KeyPattern, KeySettings> byPattern =
      new TreeMap<>(KeyPattern.MOST_SPECIFIC_FIRST);
  // Lets the silence watch skip its per-event work while no config asks for it.
  private volatile boolean anySilence;

  public KeySettingsRegistry(DetectorFactory factory, KeySettings fallback) {
    this.factory = factory;
    this.fallback = fallback;
  }

  /** The settings of {@code key} now. */
  public KeySettings resolve(String key) {
    for (var entry : byPattern.entrySet()) {
      if (entry.getKey().matches(key)) {
        return entry.getValue();
      }
    }
    return fallback;
  }

  /**
   * Puts {@code config} in force for its pattern. Its severity bands are its own when it gives
   * them, else the processor's ({@code vigil.processor.severity.*}): there is one severity model,
   * and a config without bands means exactly what no config means.
   *
   * @throws IllegalArgumentException with the reason when it cannot be applied (unknown detector or
   *     parameters); the previous config of the pattern then stays in force
   */
  public synchronized KeySettings apply(DetectorConfig config) {
    ScoringPolicy policy =
        new ScoringPolicy(
            new AlertPolicy(config.threshold(), config.warmup(), bands(config)),
            config.suppression(),
            fallback.scorer().policy().escalation(),
            config.alertRules().map(RuleMapping::of).orElse(AlertRules.NONE),
            config.maintenanceWindows().map(MaintenanceCalendar::of).orElse(Maintenance.NONE));
    KeySettings settings =
        factory.settings(
            config.pattern(),
            config.version(),
            config.detector(),
            config.parameters(),
            policy,
            config.silence());
    Map<KeyPattern, KeySettings> next = new TreeMap<>(KeyPattern.MOST_SPECIFIC_FIRST);
    next.putAll(byPattern);
    next.put(config.keyPattern(), settings);
    replace(next);
    return settings;
  }

  private SeverityBands bands(DetectorConfig config) {
    return config
        .bands()
        .map(own -> new SeverityBands(own.medium(), own.high(), own.critical()))
        .orElse(fallback.scorer().policy().alerts().bands());
  }

  /** Removes the config of {@code pattern} (a tombstone); its keys fall back to the next match. */
  public synchronized void remove(String pattern) {
    Map<KeyPattern, KeySettings> next = new TreeMap<>(KeyPattern.MOST_SPECIFIC_FIRST);
    next.putAll(byPattern);
    next.remove(KeyPattern.of(pattern));
    replace(next);
  }

  private void replace(Map<KeyPattern, KeySettings> next) {
    byPattern = next;
    anySilence = next.values().stream().anyMatch(settings -> settings.silence() != null);
  }

  /** True when some config in force has a silence rule. */
  public boolean anySilence() {
    return anySilence;
  }

  public DetectorFactory factory() {
    return factory;
  }
}
