package io.vigil.schemas.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns raw bytes or a JSON tree into an {@link Event}, or into the {@link Rejection} that says
 * which field is wrong and why. It never throws on bad input: every problem is data. The rules are
 * those of {@code schemas/v1/event.schema.json}, plus the limits and clock checks a schema cannot
 * express.
 */
public final class EventParser {
  /** Deeper documents are refused before they are built, so no input can exhaust the stack. */
  public static final int MAX_NESTING_DEPTH = 16;

  private final EventLimits limits;
  private final Clock clock;
  private final ObjectMapper mapper;

  public EventParser(EventLimits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(limits.maxBytes())
                    .build())
            .build();
    this.mapper = JsonMapper.builder(factory).build();
  }

  public EventLimits limits() {
    return limits;
  }

  public ParseResult<Event> parse(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return ParseResult.rejected("", "empty payload");
    }
    if (bytes.length > limits.maxBytes()) {
      return ParseResult.rejected(
          "", "payload is " + bytes.length + " bytes, limit is " + limits.maxBytes());
    }
    JsonNode node;
    try {
      node = mapper.readTree(bytes);
    } catch (StreamConstraintsException e) {
      return ParseResult.rejected("", "document too deep or too large: " + e.getOriginalMessage());
    } catch (IOException e) {
      return ParseResult.rejected("", "malformed JSON: " + firstLine(e.getMessage()));
    }
    return parse(node);
  }

  public ParseResult<Event> parse(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return ParseResult.rejected("", "empty payload");
    }
    if (!node.isObject()) {
      return ParseResult.rejected("", "must be a JSON object, was " + kind(node));
    }
    JsonNode keyNode = node.get("key");
    if (keyNode == null || keyNode.isNull()) {
      return ParseResult.rejected("/key", "required");
    }
    if (!keyNode.isTextual()) {
      return ParseResult.rejected("/key", "must be a string, was " + kind(keyNode));
    }
    String key = keyNode.asText();
    if (key.isBlank()) {
      return ParseResult.rejected("/key", "must not be blank");
    }
    if (key.length() > limits.maxKeyLength()) {
      return ParseResult.rejected(
          "/key", "is " + key.length() + " characters, limit is " + limits.maxKeyLength());
    }

    ParseResult<Instant> timestamp = timestamp(node.get("timestamp"));
    if (timestamp instanceof ParseResult.Rejected<Instant> r) {
      return new ParseResult.Rejected<>(r.rejection());
    }
    Instant time = ((ParseResult.Accepted<Instant>) timestamp).value();

    JsonNode valueNode = node.get("value");
    JsonNode valuesNode = node.get("values");
    boolean hasValue = valueNode != null && !valueNode.isNull();
    boolean hasValues = valuesNode != null && !valuesNode.isNull();
    if (hasValue == hasValues) {
      return ParseResult.rejected(
          "", hasValue ? "has both value and values, set one" : "needs value or values");
    }
    Double value = null;
    Map<String, Double> values = null;
    if (hasValue) {
      ParseResult<Double> number = finiteNumber("/value", valueNode);
      if (number instanceof ParseResult.Rejected<Double> r) {
        return new ParseResult.Rejected<>(r.rejection());
      }
      value = ((ParseResult.Accepted<Double>) number).value();
    } else {
      if (!valuesNode.isObject()) {
        return ParseResult.rejected("/values", "must be an object, was " + kind(valuesNode));
      }
      if (valuesNode.isEmpty()) {
        return ParseResult.rejected("/values", "must not be empty");
      }
      if (valuesNode.size() > limits.maxFeatures()) {
        return ParseResult.rejected(
            "/values", "has " + valuesNode.size() + " entries, limit is " + limits.maxFeatures());
      }
      values = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = valuesNode.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        String field = "/values/" + pointerEscape(entry.getKey());
        if (entry.getKey().isEmpty() || entry.getKey().length() > limits.maxStringLength()) {
          return ParseResult.rejected(
              field, "feature name must have 1 to " + limits.maxStringLength() + " characters");
        }
        ParseResult<Double> number = finiteNumber(field, entry.getValue());
        if (number instanceof ParseResult.Rejected<Double> r) {
          return new ParseResult.Rejected<>(r.rejection());
        }
        values.put(entry.getKey(), ((ParseResult.Accepted<Double>) number).value());
      }
    }

    String id = null;
    JsonNode idNode = node.get("id");
    if (idNode != null && !idNode.isNull()) {
      if (!idNode.isTextual()) {
        return ParseResult.rejected("/id", "must be a string, was " + kind(idNode));
      }
      id = idNode.asText();
      if (id.isEmpty() || id.length() > limits.maxStringLength()) {
        return ParseResult.rejected(
            "/id", "must have 1 to " + limits.maxStringLength() + " characters");
      }
    }

    Map<String, String> tags = new LinkedHashMap<>();
    JsonNode tagsNode = node.get("tags");
    if (tagsNode != null && !tagsNode.isNull()) {
      if (!tagsNode.isObject()) {
        return ParseResult.rejected("/tags", "must be an object, was " + kind(tagsNode));
      }
      if (tagsNode.size() > limits.maxTags()) {
        return ParseResult.rejected(
            "/tags", "has " + tagsNode.size() + " entries, limit is " + limits.maxTags());
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = tagsNode.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        String field = "/tags/" + pointerEscape(entry.getKey());
        if (!entry.getValue().isTextual()) {
          return ParseResult.rejected(field, "must be a string, was " + kind(entry.getValue()));
        }
        String tag = entry.getValue().asText();
        if (entry.getKey().isEmpty()
            || entry.getKey().length() > limits.maxStringLength()
            || tag.length() > limits.maxStringLength()) {
          return ParseResult.rejected(
              field,
              "names and values must have up to " + limits.maxStringLength() + " characters");
        }
        tags.put(entry.getKey(), tag);
      }
    }
    return ParseResult.accepted(new Event(key, time, value, values, id, tags));
  }

  private ParseResult<Instant> timestamp(JsonNode node) {
    if (node == null || node.isNull()) {
      return ParseResult.rejected("/timestamp", "required");
    }
    Instant time;
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      long millis = node.asLong();
      if (millis < 0) {
        return ParseResult.rejected("/timestamp", "epoch milliseconds must not be negative");
      }
      time = Instant.ofEpochMilli(millis);
    } else if (node.isTextual()) {
      try {
        time = OffsetDateTime.parse(node.asText()).toInstant();
      } catch (DateTimeException e) {
        return ParseResult.rejected(
            "/timestamp", "not an ISO-8601 date-time with offset: " + truncate(node.asText()));
      }
    } else {
      return ParseResult.rejected(
          "/timestamp", "must be an ISO-8601 string or epoch milliseconds, was " + kind(node));
    }
    Instant now = clock.instant();
    if (time.isAfter(now.plus(limits.maxFutureSkew()))) {
      return ParseResult.rejected(
          "/timestamp", "is more than " + limits.maxFutureSkew() + " in the future: " + time);
    }
    if (time.isBefore(now.minus(limits.maxAge()))) {
      return ParseResult.rejected(
          "/timestamp", "is more than " + limits.maxAge() + " in the past: " + time);
    }
    return ParseResult.accepted(time);
  }

  private static ParseResult<Double> finiteNumber(String field, JsonNode node) {
    if (!node.isNumber()) {
      return ParseResult.rejected(field, "must be a number, was " + kind(node));
    }
    double d = node.asDouble();
    if (!Double.isFinite(d)) {
      return ParseResult.rejected(field, "must be a finite number");
    }
    return ParseResult.accepted(d);
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static String pointerEscape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  private static String truncate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "…";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
