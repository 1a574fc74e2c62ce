package io.vigil.runtime.config;

import java.util.List;

/** Thrown at start-up when configuration is invalid; lists every problem, not just the first. */
public final class ConfigException extends RuntimeException {
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super("invalid configuration:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
