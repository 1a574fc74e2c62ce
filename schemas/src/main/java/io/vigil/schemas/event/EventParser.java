package io.vigil.schemas.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vigil.schemas.validation.Check;
import io.vigil.schemas.validation.Fields;
import io.vigil.schemas.validation.Formats;
import io.vigil.schemas.validation.InvalidFieldException;
import io.vigil.schemas.validation.ValidatingParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns raw bytes or a JSON tree into an {@link Event}, or into the {@link Rejection} that says
 * which field is wrong and why. It never throws on bad input: every problem is data. The rules are
 * those of {@code io/vigil/schemas/v1/event.schema.json}, plus what a schema cannot express: the
 * byte size, finite numbers, nesting depth, duplicate names, and timestamps too far from the clock.
 *
 * <p>Every event of the pipeline passes here, so it reads the token stream rather than building a
 * tree first. The whole document is read before any field is judged, and the fields are judged in a
 * fixed order (key, timestamp, value or values, id, tags): malformed JSON anywhere wins over a bad
 * field, and a document with several problems is always refused for the same one.
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
  protected Event readDocument(byte[] bytes) throws IOException {
    try (JsonParser parser = tokens(bytes)) {
      return read(parser);
    }
  }

  @Override
  protected Event read(Fields document) {
    try (JsonParser parser = document.traverse()) {
      return read(parser);
    } catch (IOException e) {
      throw new UncheckedIOException("reading a tree cannot fail", e);
    }
  }

  private Event read(JsonParser parser) throws IOException {
    JsonToken first = parser.nextToken();
    if (first == null) {
      throw new InvalidFieldException("", "empty payload");
    }
    if (first != JsonToken.START_OBJECT) {
      parser.skipChildren();
      end(parser);
      throw new InvalidFieldException("", "must be a JSON object, was " + Fields.kind(first));
    }
    Scalar key = null;
    Scalar timestamp = null;
    Scalar value = null;
    Scalar id = null;
    Entries<Double> values = null;
    Entries<String> tags = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken token = parser.nextToken();
      switch (name) {
        case "key" -> key = Scalar.read(parser, token);
        case "timestamp" -> timestamp = Scalar.read(parser, token);
        case "value" -> value = Scalar.read(parser, token);
        case "id" -> id = Scalar.read(parser, token);
        case "values" ->
            values =
                Entries.read(
                    parser, token, "/values", limits.maxStringLength(), EventParser::feature);
        case "tags" ->
            tags =
                Entries.read(
                    parser,
                    token,
                    "/tags",
                    limits.maxStringLength(),
                    (field, p, t) -> tag(field, p, t, limits.maxStringLength()));
        default -> parser.skipChildren();
      }
    }
    end(parser);
    return new Event(
        Scalar.required("/key", key).text("/key", limits.maxKeyLength()),
        timestamp(Scalar.required(TIMESTAMP, timestamp)),
        value(value, values),
        values == null ? null : values(values),
        id == null ? null : id.text("/id", limits.maxStringLength()),
        tags == null ? Map.of() : tags.checked(limits.maxTags()));
  }

  private static Double value(Scalar value, Entries<Double> values) {
    if ((value == null) == (values == null)) {
      throw new InvalidFieldException(
          "", value != null ? "has both value and values, set one" : "needs value or values");
    }
    return value == null ? null : value.number("/value");
  }

  private Map<String, Double> values(Entries<Double> values) {
    Map<String, Double> features = values.checked(limits.maxFeatures());
    Check.that(!features.isEmpty(), "/values", "must not be empty");
    return features;
  }

  private static Double feature(String field, JsonParser parser, JsonToken token)
      throws IOException {
    if (!token.isNumeric()) {
      throw new InvalidFieldException(field, "must be a number, was " + Fields.kind(token));
    }
    return Check.finite(field, parser.getDoubleValue());
  }

  private static String tag(String field, JsonParser parser, JsonToken token, int maxLength)
      throws IOException {
    if (token != JsonToken.VALUE_STRING) {
      throw new InvalidFieldException(field, "must be a string, was " + Fields.kind(token));
    }
    return Check.maxLength(field, parser.getText(), maxLength);
  }

  private Instant timestamp(Scalar value) {
    Instant time;
    if (value.token().isNumeric()) {
      time = Instant.ofEpochMilli(value.epochMillis(TIMESTAMP));
    } else if (value.token() == JsonToken.VALUE_STRING) {
      time = Formats.instant(TIMESTAMP, value.text());
    } else {
      throw new InvalidFieldException(
          TIMESTAMP,
          "must be an RFC 3339 date-time string or epoch milliseconds, was "
              + Fields.kind(value.token()));
    }
    return withinClock(time, limits, clock);
  }

  /** The time, unless it is too far ahead of the clock or too far behind it. */
  static Instant withinClock(Instant time, EventLimits limits, Clock clock) {
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

  /**
   * A top-level member as read: its token, and its text or number when it is one (a container is
   * skipped, only its kind is kept). JSON null is never a scalar: it counts as absent.
   */
  private record Scalar(JsonToken token, String text, Number number) {
    static Scalar read(JsonParser parser, JsonToken token) throws IOException {
      return switch (token) {
        case VALUE_NULL -> null;
        case VALUE_STRING -> new Scalar(token, parser.getText(), null);
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
            new Scalar(token, null, parser.getNumberValue());
        default -> {
          parser.skipChildren();
          yield new Scalar(token, null, null);
        }
      };
    }

    static Scalar required(String field, Scalar value) {
      if (value == null) {
        throw new InvalidFieldException(field, "required");
      }
      return value;
    }

    /** A string with a non-blank character and at most {@code maxLength} characters. */
    String text(String field, int maxLength) {
      if (token != JsonToken.VALUE_STRING) {
        throw new InvalidFieldException(field, "must be a string, was " + Fields.kind(token));
      }
      return Check.notBlank(field, Check.maxLength(field, text, maxLength));
    }

    double number(String field) {
      if (number == null) {
        throw new InvalidFieldException(field, "must be a number, was " + Fields.kind(token));
      }
      return Check.finite(field, number.doubleValue());
    }

    /**
     * A number with an integral value in [0, {@link Long#MAX_VALUE}] (so {@code 5} and {@code 5.0},
     * as JSON Schema has it).
     */
    long epochMillis(String field) {
      long millis;
      if (number instanceof BigInteger big) {
        throw new InvalidFieldException(
            field, "must be at most " + Long.MAX_VALUE + ", was " + big);
      } else if (number instanceof Double d) {
        if (!Double.isFinite(d) || d != Math.rint(d)) {
          throw new InvalidFieldException(field, "must be an integer, was a number");
        }
        if (d < Long.MIN_VALUE || d > Long.MAX_VALUE) {
          throw new InvalidFieldException(
              field, "must be at most " + Long.MAX_VALUE + ", was " + d);
        }
        millis = d.longValue();
      } else if (number != null) {
        millis = number.longValue();
      } else {
        throw new InvalidFieldException(field, "must be an integer, was " + Fields.kind(token));
      }
      return Check.atLeast(field, millis, 0);
    }
  }

  /** Reads one entry's value at its token; throws {@link InvalidFieldException} when it is bad. */
  @FunctionalInterface
  private interface EntryReader<V> {
    V read(String field, JsonParser parser, JsonToken token) throws IOException;
  }

  /**
   * An object of named values as read: the entries, how many there were, and the first problem met,
   * which is reported only once the whole document has been read (a problem with the object as a
   * whole, such as too many entries, wins).
   */
  private record Entries<V>(
      String pointer, String kind, Map<String, V> entries, int count, InvalidFieldException bad) {
    /** The field an entry reader names: a placeholder, replaced by the entry's pointer. */
    private static final String HERE = "";

    static <V> Entries<V> read(
        JsonParser parser,
        JsonToken token,
        String pointer,
        int maxNameLength,
        EntryReader<V> reader)
        throws IOException {
      if (token == JsonToken.VALUE_NULL) {
        return null;
      }
      if (token != JsonToken.START_OBJECT) {
        parser.skipChildren();
        return new Entries<>(pointer, Fields.kind(token), Map.of(), 0, null);
      }
      Map<String, V> entries = new LinkedHashMap<>();
      int count = 0;
      InvalidFieldException bad = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        count++;
        if (bad == null) {
          try {
            // The entry's pointer is built only for a rejection: this runs for every feature.
            Check.entryName(HERE, name, maxNameLength);
            entries.put(name, reader.read(HERE, parser, value));
          } catch (InvalidFieldException e) {
            bad = new InvalidFieldException(Fields.child(pointer, name), e.rejection().problem());
          }
        }
        parser.skipChildren();
      }
      return new Entries<>(pointer, null, entries, count, bad);
    }

    Map<String, V> checked(int maxEntries) {
      if (kind != null) {
        throw new InvalidFieldException(pointer, "must be a JSON object, was " + kind);
      }
      if (count > maxEntries) {
        throw new InvalidFieldException(
            pointer, "has " + count + " entries, limit is " + maxEntries);
      }
      if (bad != null) {
        throw bad;
      }
      return entries;
    }
  }
}
