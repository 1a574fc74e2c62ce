package io.vigil.schemas.event;

/** The outcome of parsing one input: an event, or the reason it was refused. */
public sealed interface ParseResult<T> {

  record Accepted<T>(T value) implements ParseResult<T> {}

  record Rejected<T>(Rejection rejection) implements ParseResult<T> {}

  static <T> ParseResult<T> accepted(T value) {
    return new Accepted<>(value);
  }

  static <T> ParseResult<T> rejected(String field, String problem) {
    return new Rejected<>(new Rejection(field, problem));
  }
}
