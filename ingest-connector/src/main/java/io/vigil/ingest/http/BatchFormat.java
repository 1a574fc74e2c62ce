package io.vigil.ingest.http;

import java.util.Locale;
import java.util.Optional;

/** How a batch body is laid out, from its {@code Content-Type}. */
public enum BatchFormat {
  /** {@code application/json}: one JSON array of events. */
  JSON_ARRAY,
  /** {@code application/x-ndjson} or {@code application/ndjson}: one event per line. */
  NDJSON;

  /**
   * The format of a content type, ignoring case and a UTF-8 charset parameter; empty for anything
   * else (including another charset: events are UTF-8 JSON).
   */
  public static Optional<BatchFormat> of(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim().replace("\"", "");
      if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8")) {
        return Optional.empty();
      }
    }
    return switch (parts[0].trim()) {
      case "application/json" -> Optional.of(JSON_ARRAY);
      case "application/x-ndjson", "application/ndjson" -> Optional.of(NDJSON);
      default -> Optional.empty();
    };
  }
}
