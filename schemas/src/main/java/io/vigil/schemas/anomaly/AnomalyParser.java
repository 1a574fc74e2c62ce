package io.vigil.schemas.anomaly;

import io.vigil.schemas.event.EventLimits;
import io.vigil.schemas.validation.Fields;
import io.vigil.schemas.validation.ValidatingParser;

/**
 * Validates anomalies read from the anomalies topic (the rules of {@code
 * io/vigil/schemas/v1/anomaly.schema.json}, plus finite numbers and a size limit), so a consumer
 * can dead-letter a bad one with the reason instead of failing on it.
 */
public final class AnomalyParser extends ValidatingParser<Anomaly> {
  /** Largest accepted anomaly document. */
  public static final int MAX_BYTES = 256 * 1024;

  private static final EventLimits LIMITS = EventLimits.defaults();

  public AnomalyParser() {
    super(MAX_BYTES);
  }

  @Override
  protected Anomaly read(Fields document) {
    int text = LIMITS.maxStringLength();
    int features = LIMITS.maxFeatures();
    return new Anomaly(
        document.text("id", text),
        document.text("key", LIMITS.maxKeyLength()),
        document.instant("timestamp"),
        document.instant("detectedAt"),
        document.unitInterval("score"),
        document.enumValue("severity", Severity.class),
        document.detector("detector"),
        document.integer("modelVersion", 0, Integer.MAX_VALUE),
        document.numbers("values", features, text),
        document.objects("expected", features, text, Expected::read),
        document.numbers("attribution", features, text),
        SourcePosition.read(document.optionalObject("source")),
        document.strings("tags", LIMITS.maxTags(), text),
        document.optionalText("explanation", Anomaly.MAX_EXPLANATION_LENGTH));
  }
}
