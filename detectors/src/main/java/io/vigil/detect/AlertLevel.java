package io.vigil.detect;

/** How urgent an alert is, from the calibrated score; see {@link SeverityBands}. */
public enum AlertLevel {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL
}
