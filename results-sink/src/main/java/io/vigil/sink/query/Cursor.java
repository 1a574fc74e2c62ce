package io.vigil.sink.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;

/**
 * Where the next page of a history query starts: right after the anomaly with this event time and
 * id, in the order event time descending, then id descending. Opaque to clients (base64url), so its
 * format may change; a cursor only makes sense with the filters it was returned for.
 */
public record Cursor(Instant timestamp, String id) {
  private static final String VERSION = "1";
  private static final char SEPARATOR = '|';

  public Cursor {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(id, "id");
  }

  public String encode() {
    String plain = VERSION + SEPARATOR + timestamp + SEPARATOR + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** Throws {@link IllegalArgumentException} if {@code text} is not an encoded cursor. */
  public static Cursor decode(String text) {
    String plain;
    try {
      plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not base64url", e);
    }
    int first = plain.indexOf(SEPARATOR);
    int second = first < 0 ? -1 : plain.indexOf(SEPARATOR, first + 1);
    if (second < 0 || !VERSION.equals(plain.substring(0, first))) {
      throw new IllegalArgumentException("unknown cursor format");
    }
    String id = plain.substring(second + 1);
    if (id.isEmpty()) {
      throw new IllegalArgumentException("no anomaly id");
    }
    try {
      return new Cursor(Instant.parse(plain.substring(first + 1, second)), id);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("bad time", e);
    }
  }
}
