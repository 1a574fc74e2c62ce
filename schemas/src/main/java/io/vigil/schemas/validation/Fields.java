package io.vigil.schemas.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Reads typed fields of one JSON object. The first problem ends the read with an {@link
 * InvalidFieldException} naming the field by its JSON pointer. An explicit {@code null} counts as
 * absent; names the reader is not asked for are ignored (unknown fields are tolerated).
 */
public final class Fields {
  private final JsonNode node;
  private final String pointer;

  private Fields(JsonNode node, String pointer) {
    this.node = node;
    this.pointer = pointer;
  }

  /** The document's top level, which must be an object. */
  public static Fields of(JsonNode document) {
    if (document == null || document.isMissingNode()) {
      throw new InvalidFieldException("", "empty payload");
    }
    return at("", document);
  }

  private static Fields at(String pointer, JsonNode node) {
    if (!node.isObject()) {
      throw new InvalidFieldException(pointer, "must be a JSON object, was " + kind(node));
    }
    return new Fields(node, pointer);
  }

  /** This object's JSON pointer; empty for the document. */
  public String pointer() {
    return pointer;
  }

  public String pointer(String name) {
    return child(pointer, name);
  }

  /** The JSON pointer of the member {@code name} of the object at {@code pointer}. */
  public static String child(String pointer, String name) {
    return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
  }

  /** This object as a token stream, for readers that read tokens rather than trees. */
  public JsonParser traverse() {
    return node.traverse();
  }

  /** The field's value, or null when it is absent or JSON null. */
  public JsonNode get(String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value;
  }

  public boolean has(String name) {
    return get(name) != null;
  }

  public JsonNode required(String name) {
    JsonNode value = get(name);
    if (value == null) {
      throw new InvalidFieldException(pointer(name), "required");
    }
    return value;
  }

  /** A required string with a non-blank character and at most {@code maxLength} characters. */
  public String text(String name, int maxLength) {
    return text(pointer(name), required(name), maxLength);
  }

  /** Like {@link #text} when present; null when absent. */
  public String optionalText(String name, int maxLength) {
    return has(name) ? text(name, maxLength) : null;
  }

  /** A required name matching {@link Formats#NAME_REGEX}, such as a detector name. */
  public String name(String name) {
    return shortName(
        name,
        Formats::isName,
        "must be letters, digits, '.', '_' or '-', starting with a letter or digit");
  }

  /**
   * A required detector of an anomaly or score (see {@link Formats#DETECTOR_REGEX}), such as {@code
   * ewma} or {@code adaptive/range}.
   */
  public String detector(String name) {
    return shortName(
        name,
        Formats::isDetector,
        "must be a detector name (letters, digits, '.', '_' or '-', starting with a letter or"
            + " digit), optionally followed by '/' and a member name");
  }

  /** A required text of at most 64 characters that {@code format} accepts. */
  private String shortName(String name, Predicate<String> format, String rule) {
    String value = text(name, 64);
    Check.that(format.test(value), pointer(name), rule + ": " + Formats.abbreviate(value));
    return value;
  }

  public double number(String name) {
    return number(pointer(name), required(name));
  }

  /** A number in [0,1]. */
  public double unitInterval(String name) {
    return Check.unitInterval(pointer(name), number(name));
  }

  public long integer(String name, long min, long max) {
    return integer(pointer(name), required(name), min, max);
  }

  public int integer(String name, int min, int max) {
    return (int) integer(name, (long) min, (long) max);
  }

  public boolean bool(String name) {
    JsonNode value = required(name);
    if (!value.isBoolean()) {
      throw new InvalidFieldException(pointer(name), "must be true or false, was " + kind(value));
    }
    return value.booleanValue();
  }

  /** An RFC 3339 date-time string. */
  public Instant instant(String name) {
    JsonNode value = required(name);
    if (!value.isTextual()) {
      throw new InvalidFieldException(
          pointer(name), "must be an RFC 3339 date-time string, was " + kind(value));
    }
    return Formats.instant(pointer(name), value.textValue());
  }

  /** An ISO-8601 duration string such as {@code PT5M}, or whole milliseconds. */
  public Duration duration(String name) {
    JsonNode value = required(name);
    if (value.isTextual()) {
      return Formats.duration(pointer(name), value.textValue());
    }
    if (value.isNumber()) {
      return Duration.ofMillis(integer(pointer(name), value, 0, Long.MAX_VALUE));
    }
    throw new InvalidFieldException(
        pointer(name), "must be an ISO-8601 duration string or milliseconds, was " + kind(value));
  }

  /** An enum constant by its lower-case wire name. */
  public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
    String text = text(name, 64);
    for (E constant : type.getEnumConstants()) {
      if (wireName(constant).equals(text)) {
        return constant;
      }
    }
    throw new InvalidFieldException(
        pointer(name),
        "must be one of "
            + Arrays.stream(type.getEnumConstants()).map(Fields::wireName).toList()
            + ", was "
            + Formats.abbreviate(text));
  }

  private static String wireName(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  public Fields object(String name) {
    return at(pointer(name), required(name));
  }

  /** The nested object, or null when absent. */
  public Fields optionalObject(String name) {
    return has(name) ? object(name) : null;
  }

  /**
   * An object of finite numbers by name, empty when absent.
   *
   * @param maxEntries most entries
   * @param maxNameLength longest name
   */
  public Map<String, Double> numbers(String name, int maxEntries, int maxNameLength) {
    return entries(name, maxEntries, maxNameLength, Fields::number);
  }

  /** An object of strings (which may be empty) by name, empty when absent. */
  public Map<String, String> strings(String name, int maxEntries, int maxLength) {
    return entries(name, maxEntries, maxLength, (field, value) -> string(field, value, maxLength));
  }

  /** An object of objects by name, empty when absent; each is read by {@code reader}. */
  public <T> Map<String, T> objects(
      String name,
      int maxEntries,
      int maxNameLength,
      java.util.function.Function<Fields, T> reader) {
    return entries(
        name, maxEntries, maxNameLength, (field, value) -> reader.apply(at(field, value)));
  }

  /** An array of objects, empty when absent; each is read by {@code reader}. */
  public <T> java.util.List<T> objectList(
      String name, int maxEntries, java.util.function.Function<Fields, T> reader) {
    java.util.List<T> result = new java.util.ArrayList<>();
    if (!has(name)) {
      return result;
    }
    JsonNode array = get(name);
    if (!array.isArray()) {
      throw new InvalidFieldException(pointer(name), "must be an array, was " + kind(array));
    }
    if (array.size() > maxEntries) {
      throw new InvalidFieldException(
          pointer(name), "has " + array.size() + " entries, limit is " + maxEntries);
    }
    for (int i = 0; i < array.size(); i++) {
      result.add(reader.apply(at(pointer(name) + "/" + i, array.get(i))));
    }
    return result;
  }

  private <T> Map<String, T> entries(
      String name, int maxEntries, int maxNameLength, BiFunction<String, JsonNode, T> reader) {
    Map<String, T> result = new LinkedHashMap<>();
    if (!has(name)) {
      return result;
    }
    Fields map = object(name);
    if (map.node.size() > maxEntries) {
      throw new InvalidFieldException(
          map.pointer, "has " + map.node.size() + " entries, limit is " + maxEntries);
    }
    for (Map.Entry<String, JsonNode> entry : map.node.properties()) {
      String field = map.pointer(entry.getKey());
      Check.entryName(field, entry.getKey(), maxNameLength);
      result.put(entry.getKey(), reader.apply(field, entry.getValue()));
    }
    return result;
  }

  /** A finite JSON number. */
  public static double number(String field, JsonNode value) {
    if (value == null) {
      throw new InvalidFieldException(field, "required");
    }
    if (!value.isNumber()) {
      throw new InvalidFieldException(field, "must be a number, was " + kind(value));
    }
    return Check.finite(field, value.doubleValue());
  }

  /** A JSON number with an integral value (so {@code 5} and {@code 5.0}, as JSON Schema has it). */
  public static long integer(String field, JsonNode value, long min, long max) {
    if (!value.isNumber() || !value.canConvertToExactIntegral()) {
      throw new InvalidFieldException(field, "must be an integer, was " + kind(value));
    }
    if (!value.canConvertToLong()) {
      throw new InvalidFieldException(field, "must be at most " + max + ", was " + value);
    }
    long result = value.asLong();
    if (result < min) {
      throw new InvalidFieldException(field, "must be at least " + min + ", was " + result);
    }
    if (result > max) {
      throw new InvalidFieldException(field, "must be at most " + max + ", was " + result);
    }
    return result;
  }

  /** A string with a non-blank character and at most {@code maxLength} characters. */
  public static String text(String field, JsonNode value, int maxLength) {
    return Check.notBlank(field, string(field, value, maxLength));
  }

  /** Any string of at most {@code maxLength} characters, empty included. */
  public static String string(String field, JsonNode value, int maxLength) {
    if (!value.isTextual()) {
      throw new InvalidFieldException(field, "must be a string, was " + kind(value));
    }
    return Check.maxLength(field, value.textValue(), maxLength);
  }

  /** The JSON type of the value a token starts, in words, for messages. */
  public static String kind(JsonToken token) {
    return switch (token) {
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case START_ARRAY -> "an array";
      case START_OBJECT -> "an object";
      case VALUE_NULL -> "null";
      default -> token.name().toLowerCase(Locale.ROOT);
    };
  }

  /** The JSON type of a value in words, for messages. */
  public static String kind(JsonNode value) {
    return switch (value.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NULL -> "null";
      default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }
}
