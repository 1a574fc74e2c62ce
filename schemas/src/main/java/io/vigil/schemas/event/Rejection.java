package io.vigil.schemas.event;

import java.util.Objects;

/**
 * Why an input was refused: the offending field (a JSON pointer such as {@code /values/cpu}, or
 * empty for the whole document) and the problem in plain words.
 */
public record Rejection(String field, String problem) {
  public Rejection {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(problem, "problem");
  }

  public static Rejection ofDocument(String problem) {
    return new Rejection("", problem);
  }

  /** One line for logs, HTTP responses and dead-letter headers, e.g. {@code /value: not finite}. */
  public String reason() {
    return field.isEmpty() ? problem : field + ": " + problem;
  }
}
