package io.vigil.ingest.generate;

/** Where event timestamps come from. */
public enum EventTimeMode {
  /** Each event is stamped with the clock when it is generated: a live feed. */
  REAL,
  /**
   * Event {@code i} of a series is stamped {@code start + i * step}, independent of the wall clock,
   * so days of data can be generated in seconds and the output is fully deterministic.
   */
  SIMULATED
}
