package io.vigil.processor.backtest;

import java.util.List;
import java.util.Objects;

/**
 * One column of a backtest: a name and the detector configs it puts on top of the live ones (same
 * pattern: replaced; new pattern: added). No configs: the live ones as they are.
 */
public record Candidate(String name, List<ConfigRecord> configs) {
  public static final String LIVE = "live";

  public Candidate {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[A-Za-z0-9._-]{1,40}")) {
      throw new IllegalArgumentException(
          "a config name may only contain letters, digits, '.', '_' and '-' (at most 40), was '"
              + name
              + "'");
    }
    configs = List.copyOf(configs);
  }

  public static Candidate live() {
    return new Candidate(LIVE, List.of());
  }

  boolean overlays() {
    return !configs.isEmpty();
  }
}
