package io.vigil.schemas.anomaly;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.schemas.validation.Check;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An event that the detector judged anomalous, with enough context to explain itself.
 *
 * @param id deterministic id (see {@link AnomalyId}): the same event and detector give the same id,
 *     so every downstream write is idempotent
 * @param key series key
 * @param timestamp event time of the anomalous event
 * @param detectedAt wall-clock time of detection (required)
 * @param score calibrated anomaly score in [0,1]
 * @param severity derived from the score
 * @param detector detector name, e.g. {@code ewma}
 * @param modelVersion version of the detector's state format
 * @param values observed values by feature
 * @param expected expected value and band by feature
 * @param attribution share of the anomaly attributed to each feature (sums to 1)
 * @param source topic, partition and offset of the event
 * @param tags the event's tags
 * @param explanation why the event is anomalous, in words and numbers (which value left which band,
 *     or what else was unusual); null when the detector does not say
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Anomaly(
    String id,
    String key,
    Instant timestamp,
    Instant detectedAt,
    double score,
    Severity severity,
    String detector,
    int modelVersion,
    Map<String, Double> values,
    Map<String, Expected> expected,
    Map<String, Double> attribution,
    SourcePosition source,
    Map<String, String> tags,
    String explanation) {
  /** Longest explanation, in code points; a producer shortens a longer one. */
  public static final int MAX_EXPLANATION_LENGTH = 4096;

  public Anomaly {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(detectedAt, "detectedAt");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(detector, "detector");
    Check.unitInterval("/score", score);
    values = values == null ? Map.of() : Map.copyOf(values);
    expected = expected == null ? Map.of() : Map.copyOf(expected);
    attribution = attribution == null ? Map.of() : Map.copyOf(attribution);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    // One form for "no explanation", as the JSON omits an empty one.
    explanation = explanation == null || explanation.isBlank() ? null : explanation;
  }
}
