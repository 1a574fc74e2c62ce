package io.vigil.schemas.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.schemas.validation.Check;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the keys matching one pattern are scored: a message of the compacted {@code detector-config}
 * topic, keyed by {@link #pattern()}. A tombstone (null value) removes the pattern's config. The
 * processor applies the most specific matching pattern (see {@link KeyPattern}); {@code *} is the
 * default.
 *
 * @param pattern key glob such as {@code host-*}{@code /cpu}, or {@code *}; equals the record key
 * @param detector detector name, e.g. {@code ewma}
 * @param threshold calibrated score in (0,1) at or above which an event is anomalous
 * @param warmup observations a key needs before it may alert
 * @param suppression after an alert, further alerts of the key are suppressed this long; on the
 *     wire an ISO-8601 duration ({@code PT5M}) or milliseconds
 * @param parameters detector-specific numeric parameters, e.g. {@code alpha}
 * @param severity this pattern's own severity bands, or null: the processor's bands apply (its
 *     {@code vigil.processor.severity.*} settings), exactly as for keys no config matches
 * @param version increasing version of this pattern's config, for logs and metrics
 * @param rules which anomalies of the pattern's keys are reported ({@link AlertRules}), or null
 * @param maintenance the pattern's maintenance windows, or null
 * @param silence when a key of the pattern that stops reporting raises a silence anomaly, or null
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DetectorConfig(
    String pattern,
    String detector,
    double threshold,
    int warmup,
    Duration suppression,
    Map<String, Double> parameters,
    SeverityBands severity,
    int version,
    AlertRules rules,
    MaintenanceWindows maintenance,
    SilenceRule silence) {

  public DetectorConfig {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(detector, "detector");
    Objects.requireNonNull(suppression, "suppression");
    KeyPattern.of(pattern);
    Check.that(
        threshold > 0.0 && threshold < 1.0, "/threshold", "must be in (0,1), was " + threshold);
    Check.atLeast("/warmup", warmup, 0);
    Check.that(!suppression.isNegative(), "/suppression", "must not be negative");
    Check.atLeast("/version", version, 0);
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    parameters.forEach((name, value) -> Check.finite("/parameters/" + name, value));
  }

  /** A config without rules. */
  public DetectorConfig(
      String pattern,
      String detector,
      double threshold,
      int warmup,
      Duration suppression,
      Map<String, Double> parameters,
      SeverityBands severity,
      int version) {
    this(
        pattern,
        detector,
        threshold,
        warmup,
        suppression,
        parameters,
        severity,
        version,
        null,
        null,
        null);
  }

  public KeyPattern keyPattern() {
    return KeyPattern.of(pattern);
  }

  /** This pattern's own severity bands; empty when the processor's apply. */
  public Optional<SeverityBands> bands() {
    return Optional.ofNullable(severity);
  }

  /** This pattern's silence rule; empty when silent keys raise nothing. */
  public Optional<SilenceRule> silenceRule() {
    return Optional.ofNullable(silence);
  }

  /** This pattern's maintenance windows; empty when it has none. */
  public Optional<MaintenanceWindows> maintenanceWindows() {
    return Optional.ofNullable(maintenance);
  }

  /** This pattern's rules; empty when every anomaly is reported. */
  public Optional<AlertRules> alertRules() {
    return Optional.ofNullable(rules);
  }
}
