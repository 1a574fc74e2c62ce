package io.vigil.launcher;

import io.vigil.runtime.config.Settings;
import java.util.HashMap;
import java.util.Map;

/**
 * Command-line options on top of the environment: an option given on the command line wins over the
 * same setting from the environment or the config file.
 */
final class SettingOverrides {
  private final Map<String, String> env;

  SettingOverrides(Map<String, String> env) {
    this.env = new HashMap<>(env);
  }

  /**
   * Sets {@code key} (file form, e.g. {@code vigil.generator.series}) when the option was given.
   */
  SettingOverrides with(String key, Object value) {
    if (value != null) {
      env.put(Settings.envName(key), value.toString());
    }
    return this;
  }

  Map<String, String> env() {
    return Map.copyOf(env);
  }
}
