package io.vigil.schemas.feedback;

import io.vigil.schemas.event.EventLimits;
import io.vigil.schemas.validation.Fields;
import io.vigil.schemas.validation.ValidatingParser;

/**
 * Validates feedback messages: the rules of {@code io/vigil/schemas/v1/feedback.schema.json} and a
 * size limit.
 */
public final class FeedbackParser extends ValidatingParser<Feedback> {
  /** Largest accepted feedback document. */
  public static final int MAX_BYTES = 16 * 1024;

  private static final EventLimits LIMITS = EventLimits.defaults();

  public FeedbackParser() {
    super(MAX_BYTES);
  }

  @Override
  protected Feedback read(Fields document) {
    int text = LIMITS.maxStringLength();
    return new Feedback(
        document.text("anomalyId", text),
        document.text("key", LIMITS.maxKeyLength()),
        document.enumValue("label", Label.class),
        document.text("by", text),
        document.instant("at"),
        document.has("comment")
            ? Fields.string(
                document.pointer("comment"), document.get("comment"), Feedback.MAX_COMMENT_LENGTH)
            : null);
  }
}
