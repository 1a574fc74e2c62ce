package io.vigil.processor.score;

import io.vigil.detect.AlertLevel;
import io.vigil.detect.Assessment;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.AnomalyId;
import io.vigil.schemas.anomaly.Expected;
import io.vigil.schemas.anomaly.Severity;
import io.vigil.schemas.event.Event;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the {@link Anomaly} record for an assessment that alerted. */
final class Anomalies {
  private Anomalies() {}

  static Anomaly of(
      ScoringInput input,
      Assessment assessment,
      AlertLevel level,
      String detector,
      int modelVersion,
      Instant detectedAt,
      boolean maintenance) {
    Event event = input.event();
    return new Anomaly(
        AnomalyId.of(event.key(), event.timestamp(), event.id(), detector),
        event.key(),
        event.timestamp(),
        detectedAt,
        assessment.score(),
        severity(level),
        detector,
        modelVersion,
        event.features(),
        expected(assessment),
        assessment.attribution(),
        input.source(),
        maintenance ? withMaintenance(event.tags()) : event.tags(),
        explanation(assessment.explanation()));
  }

  /** Tag of an anomaly emitted in a maintenance window of its key. */
  static final String MAINTENANCE_TAG = "maintenance";

  private static Map<String, String> withMaintenance(Map<String, String> tags) {
    Map<String, String> tagged = new LinkedHashMap<>(tags);
    tagged.put(MAINTENANCE_TAG, "true");
    return tagged;
  }

  /** The assessment's expected value and band per feature, in schema form. */
  static Map<String, Expected> expected(Assessment assessment) {
    Map<String, Expected> expected = new LinkedHashMap<>();
    assessment
        .expected()
        .forEach((name, e) -> expected.put(name, new Expected(e.value(), e.lower(), e.upper())));
    return expected;
  }

  /** The assessment's explanation, shortened to what the anomaly schema allows. */
  static String explanation(String text) {
    int limit = Anomaly.MAX_EXPLANATION_LENGTH;
    if (text.codePointCount(0, text.length()) <= limit) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, limit - 1)) + "…";
  }

  static Severity severity(AlertLevel level) {
    return switch (level) {
      case LOW -> Severity.LOW;
      case MEDIUM -> Severity.MEDIUM;
      case HIGH -> Severity.HIGH;
      case CRITICAL -> Severity.CRITICAL;
    };
  }
}
