package io.vigil.schemas.feedback;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * A label on one anomaly, from the people who looked at it; a message of the {@code feedback}
 * topic, keyed by the series key so it reaches the task that owns the key's model.
 *
 * @param anomalyId the anomaly's id
 * @param key the anomaly's series key
 * @param label confirmed or false positive
 * @param by who labelled it (user or system name)
 * @param at when it was labelled
 * @param comment optional free text
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Feedback(
    String anomalyId, String key, Label label, String by, Instant at, String comment) {

  /** Longest accepted comment. */
  public static final int MAX_COMMENT_LENGTH = 1024;

  public Feedback {
    Objects.requireNonNull(anomalyId, "anomalyId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(at, "at");
  }
}
