package io.vigil.schemas.score;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.schemas.anomaly.Expected;
import io.vigil.schemas.anomaly.SourcePosition;
import io.vigil.schemas.validation.Check;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The score of one event, anomalous or not; written to the optional scores topic for evaluation,
 * dashboards and threshold tuning.
 *
 * @param key series key
 * @param timestamp event time of the scored event
 * @param detectedAt wall-clock time of scoring
 * @param score calibrated score in [0,1]
 * @param rawScore the detector's own, uncalibrated score (finite, detector-specific scale)
 * @param detector detector name, e.g. {@code ewma}
 * @param anomalous whether the score crossed the key's threshold after warm-up (an anomaly may
 *     still have been suppressed)
 * @param values observed values by feature
 * @param expected expected value and band by feature, as the key's setup judged the event (empty
 *     while the detector gives none)
 * @param source topic, partition and offset of the event, when known
 * @param warmingUp whether the key was still warming up (it could not alert whatever the score)
 * @param suppressed whether the event was anomalous but suppressed as a repeat of the key's last
 *     alert
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Score(
    String key,
    Instant timestamp,
    Instant detectedAt,
    double score,
    double rawScore,
    String detector,
    boolean anomalous,
    Map<String, Double> values,
    Map<String, Expected> expected,
    SourcePosition source,
    boolean warmingUp,
    boolean suppressed) {

  public Score {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(detectedAt, "detectedAt");
    Objects.requireNonNull(detector, "detector");
    Check.unitInterval("/score", score);
    Check.finite("/rawScore", rawScore);
    values = values == null ? Map.of() : Map.copyOf(values);
    expected = expected == null ? Map.of() : Map.copyOf(expected);
  }
}
