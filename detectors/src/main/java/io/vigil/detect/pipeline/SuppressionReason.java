package io.vigil.detect.pipeline;

/** Why an anomaly was not emitted; each is counted, none is silently lost. */
public enum SuppressionReason {
  /** The key alerted within its suppression window (one alert per incident). */
  REPEAT,
  /** No feature deviated from its expected value by more than its margin. */
  MARGIN,
  /** No feature deviated in a direction its rule allows. */
  DIRECTION,
  /** The anomaly's severity is below the configured minimum. */
  SEVERITY,
  /** The event lies in a maintenance window of its key. */
  MAINTENANCE
}
