package io.vigil.schemas.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.schemas.validation.Check;
import io.vigil.schemas.validation.Fields;
import io.vigil.schemas.validation.Formats;
import io.vigil.schemas.validation.InvalidFieldException;
import io.vigil.schemas.validation.ValidatingParser;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The tree reader {@link EventParser} replaced, kept as the oracle of {@link
 * EventParserDifferentialTest}: the token reader must accept and refuse exactly what it did.
 */
final class TreeEventParser extends ValidatingParser<Event> {
  private static final String TIMESTAMP = "/timestamp";

  private final EventLimits limits;
  private final Clock clock;

  TreeEventParser(EventLimits limits, Clock clock) {
    super(limits.maxBytes());
    this.limits = limits;
    this.clock = clock;
  }

  @Override
  protected Event read(Fields document) {
    String key = document.text("key", limits.maxKeyLength());
    Instant time = timestamp(document.required("timestamp"));
    boolean hasValue = document.has("value");
    boolean hasValues = document.has("values");
    if (hasValue == hasValues) {
      throw new InvalidFieldException(
          "", hasValue ? "has both value and values, set one" : "needs value or values");
    }
    Double value = hasValue ? document.number("value") : null;
    Map<String, Double> values = null;
    if (hasValues) {
      values = document.numbers("values", limits.maxFeatures(), limits.maxStringLength());
      Check.that(!values.isEmpty(), "/values", "must not be empty");
    }
    String id = document.optionalText("id", limits.maxStringLength());
    Map<String, String> tags = document.strings("tags", limits.maxTags(), limits.maxStringLength());
    return new Event(key, time, value, values, id, tags);
  }

  private Instant timestamp(JsonNode node) {
    Instant time;
    if (node.isNumber()) {
      time = Instant.ofEpochMilli(Fields.integer(TIMESTAMP, node, 0, Long.MAX_VALUE));
    } else if (node.isTextual()) {
      time = Formats.instant(TIMESTAMP, node.textValue());
    } else {
      throw new InvalidFieldException(
          TIMESTAMP,
          "must be an RFC 3339 date-time string or epoch milliseconds, was " + Fields.kind(node));
    }
    return EventParser.withinClock(time, limits, clock);
  }
}
