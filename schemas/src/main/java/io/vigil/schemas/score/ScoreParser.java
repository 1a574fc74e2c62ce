package io.vigil.schemas.score;

import io.vigil.schemas.anomaly.Expected;
import io.vigil.schemas.anomaly.SourcePosition;
import io.vigil.schemas.event.EventLimits;
import io.vigil.schemas.validation.Fields;
import io.vigil.schemas.validation.ValidatingParser;

/**
 * Validates scores: the rules of {@code io/vigil/schemas/v1/score.schema.json} and a size limit.
 */
public final class ScoreParser extends ValidatingParser<Score> {
  /** Largest accepted score document. */
  public static final int MAX_BYTES = 64 * 1024;

  private static final EventLimits LIMITS = EventLimits.defaults();

  public ScoreParser() {
    super(MAX_BYTES);
  }

  @Override
  protected Score read(Fields document) {
    return new Score(
        document.text("key", LIMITS.maxKeyLength()),
        document.instant("timestamp"),
        document.instant("detectedAt"),
        document.unitInterval("score"),
        document.number("rawScore"),
        document.detector("detector"),
        document.bool("anomalous"),
        document.numbers("values", LIMITS.maxFeatures(), LIMITS.maxStringLength()),
        document.objects(
            "expected", LIMITS.maxFeatures(), LIMITS.maxStringLength(), Expected::read),
        SourcePosition.read(document.optionalObject("source")),
        document.has("warmingUp") && document.bool("warmingUp"),
        document.has("suppressed") && document.bool("suppressed"));
  }
}
