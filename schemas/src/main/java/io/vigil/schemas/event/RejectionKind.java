package io.vigil.schemas.event;

import java.util.Set;

/**
 * A bounded name for why an event was rejected, for the {@code reason} tag of rejection and
 * dead-letter counters. The full reason (which may name user-supplied fields) goes to the record's
 * headers only.
 */
public final class RejectionKind {
  private static final Set<String> FIELDS =
      Set.of("key", "timestamp", "value", "values", "id", "tags");

  private RejectionKind() {}

  public static String of(Rejection rejection) {
    // Syntax and size problems come first: the parser reports them at the field where it
    // stopped reading, but they are about the document as a whole.
    String problem = rejection.problem();
    if (problem.startsWith("malformed JSON")) {
      return "malformed_json";
    }
    if (problem.startsWith("not UTF-8")) {
      return "not_utf8";
    }
    if (problem.startsWith("empty payload")) {
      return "empty";
    }
    if (problem.startsWith("payload is") || problem.startsWith("document too deep")) {
      return "too_large";
    }
    String field = rejection.field();
    if (field.isEmpty()) {
      return "invalid_document";
    }
    int end = field.indexOf('/', 1);
    String top = end < 0 ? field.substring(1) : field.substring(1, end);
    return FIELDS.contains(top) ? "invalid_" + top : "invalid_other";
  }
}
