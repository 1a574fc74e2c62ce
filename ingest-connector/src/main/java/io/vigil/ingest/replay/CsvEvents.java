package io.vigil.ingest.replay;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Turns CSV rows into event JSON for the schemas' parser. The header names the columns: {@code
 * timestamp} and {@code value} are required, {@code key} is optional (else the input's default
 * key). Fields are split at commas without quoting (NAB files have none). Timestamps may be NAB's
 * {@code yyyy-MM-dd HH:mm:ss} (taken as UTC), an ISO-8601 instant, or epoch milliseconds.
 */
final class CsvEvents {
  private static final DateTimeFormatter NAB = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final int timestamp;
  private final int value;
  private final int key;
  private final int columns;
  private final String defaultKey;

  private CsvEvents(List<String> header, String defaultKey) {
    this.timestamp = header.indexOf("timestamp");
    this.value = header.indexOf("value");
    this.key = header.indexOf("key");
    this.columns = header.size();
    this.defaultKey = defaultKey;
  }

  /** Reads the header; throws {@link IllegalArgumentException} when it lacks a needed column. */
  static CsvEvents header(String line, String defaultKey) {
    List<String> header =
        Arrays.stream(strip(line).split(",", -1))
            .map(s -> s.trim().toLowerCase(Locale.ROOT))
            .toList();
    if (!header.contains("timestamp") || !header.contains("value")) {
      throw new IllegalArgumentException(
          "CSV header must name the columns timestamp and value, was: " + line);
    }
    return new CsvEvents(header, defaultKey);
  }

  /** The event JSON of a row; throws {@link IllegalArgumentException} saying what is wrong. */
  ObjectNode row(String line) {
    String[] fields = line.split(",", -1);
    if (fields.length != columns) {
      throw new IllegalArgumentException("expected " + columns + " fields, found " + fields.length);
    }
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.put("key", key >= 0 ? fields[key].trim() : defaultKey);
    event.put("timestamp", instant(fields[timestamp].trim()).toString());
    String number = fields[value].trim();
    try {
      event.put("value", Double.parseDouble(number));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("value: not a number: '" + number + "'");
    }
    return event;
  }

  private static Instant instant(String text) {
    try {
      if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
        return Instant.ofEpochMilli(Long.parseLong(text));
      }
      if (text.length() == 19 && text.charAt(10) == ' ') {
        return LocalDateTime.parse(text, NAB).toInstant(ZoneOffset.UTC);
      }
      return Instant.parse(text);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException("timestamp: unreadable: '" + text + "'");
    }
  }

  /** Drops a UTF-8 byte order mark, which spreadsheet exports put before the header. */
  private static String strip(String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }
}
