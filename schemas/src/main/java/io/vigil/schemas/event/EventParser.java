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
 * Turns raw bytes or a JSON tree into an {@link Event}, or into the {@link Rejection} that says
 * which field is wrong and why. It never throws on bad input: every problem is data. The rules are
 * those of {@code io/vigil/schemas/v1/event.schema.json}, plus what a schema cannot express: the
 * byte size, finite numbers, nesting depth, duplicate names, and timestamps too far from the clock.
 */
public final class EventParser extends ValidatingParser<Event> {
  private static final String TIMESTAMP = "/timestamp";

  private final EventLimits limits;
  private final Clock clock;

  public EventParser(EventLimits limits, Clock clock) {
    super(limits.maxBytes());
    this.limits = limits;
    this.clock = clock;
  }

  public EventLimits limits() {
    return limits;
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
    // Messages are built only for a rejection: this runs for every event.
    Instant now = clock.instant();
    if (time.isAfter(now.plus(limits.maxFutureSkew()))) {
      throw new InvalidFieldException(
          TIMESTAMP, "is more than " + limits.maxFutureSkew() + " in the future: " + time);
    }
    if (time.isBefore(now.minus(limits.maxAge()))) {
      throw new InvalidFieldException(
          TIMESTAMP, "is more than " + limits.maxAge() + " in the past: " + time);
    }
    return time;
  }
}
