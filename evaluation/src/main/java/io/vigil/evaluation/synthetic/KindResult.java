package io.vigil.evaluation.synthetic;

/**
 * Detection figures of one anomaly kind (or of all kinds together).
 *
 * @param kind the kind's name, or {@code all}
 * @param injections anomalies injected
 * @param detected injections with an alert inside their matching window
 * @param alerts alerts on the series carrying this kind
 * @param trueAlerts those of {@code alerts} inside a matching window of this kind
 * @param medianDelay median over detected injections of events from the anomaly's first event to
 *     its first alert (0 = alerted on the first anomalous event); NaN when none was detected
 */
public record KindResult(
    String kind, int injections, int detected, long alerts, long trueAlerts, double medianDelay) {

  /** Detected over injected; NaN without injections. */
  public double recall() {
    return injections == 0 ? Double.NaN : (double) detected / injections;
  }

  /** True alerts over all alerts on the kind's series; NaN without alerts. */
  public double precision() {
    return alerts == 0 ? Double.NaN : (double) trueAlerts / alerts;
  }
}
