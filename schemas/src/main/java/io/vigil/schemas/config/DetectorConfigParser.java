package io.vigil.schemas.config;

import io.vigil.schemas.event.EventLimits;
import io.vigil.schemas.event.ParseResult;
import io.vigil.schemas.validation.Fields;
import io.vigil.schemas.validation.ValidatingParser;

/**
 * Validates detector-config messages: the rules of {@code
 * io/vigil/schemas/v1/detector-config.schema.json}, plus what a schema cannot express (increasing
 * severity bands, ranges with min <= max, finite numbers, durations that fit, a size limit). A
 * consumer should keep the previous config of a pattern when a new one is rejected, and report the
 * rejection's reason.
 */
public final class DetectorConfigParser extends ValidatingParser<DetectorConfig> {
  /** Largest accepted config document. */
  public static final int MAX_BYTES = 64 * 1024;

  private static final EventLimits LIMITS = EventLimits.defaults();

  public DetectorConfigParser() {
    super(MAX_BYTES);
  }

  /** Parses a record of the topic and also checks that its key is the config's pattern. */
  public ParseResult<DetectorConfig> parse(String recordKey, byte[] value) {
    ParseResult<DetectorConfig> result = parse(value);
    if (result instanceof ParseResult.Accepted<DetectorConfig> accepted
        && !accepted.value().pattern().equals(recordKey)) {
      return ParseResult.rejected(
          "/pattern",
          "must equal the record key '"
              + recordKey
              + "', was '"
              + accepted.value().pattern()
              + "'");
    }
    return result;
  }

  @Override
  protected DetectorConfig read(Fields document) {
    return new DetectorConfig(
        document.text("pattern", KeyPattern.MAX_LENGTH),
        document.name("detector"),
        document.number("threshold"),
        document.integer("warmup", 0, Integer.MAX_VALUE),
        document.duration("suppression"),
        document.numbers("parameters", LIMITS.maxFeatures(), LIMITS.maxStringLength()),
        SeverityBands.read(document.optionalObject("severity")),
        document.integer("version", 0, Integer.MAX_VALUE),
        AlertRules.read(document.optionalObject("rules")),
        MaintenanceWindows.read(document.optionalObject("maintenance")),
        SilenceRule.read(document.optionalObject("silence")));
  }
}
