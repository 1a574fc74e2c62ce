package io.vigil.detect.adaptive;

/** The checks of the {@link AdaptiveDetector}; the one that fired names the anomaly's detector. */
public enum Member {
  /** Deviation from the phase profile, calibrated by the likelihood of recent deviations. */
  DEVIATION("deviation"),
  /** The series stopped moving: the same value many times in a row, which it rarely does. */
  FLATLINE("flatline"),
  /** A value much further from its expectation than any value recently. */
  SPIKE("spike"),
  /** A new high or low beyond the range seen so far. */
  RANGE("range"),
  /** A jump of many typical steps while the deviation check is still learning. */
  FAST_START("fast-start");

  private final String label;

  Member(String label) {
    this.label = label;
  }

  /** The detector name of an assessment this member made, e.g. {@code adaptive/range}. */
  public String detectorName() {
    return AdaptiveDetector.NAME + "/" + label;
  }
}
