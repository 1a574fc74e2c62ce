package io.vigil.schemas.validation;

import io.vigil.schemas.event.Rejection;

/**
 * A value broke a rule; carries the {@link Rejection} that names the field and the problem. Thrown
 * by record constructors and {@link Fields}, turned back into data by {@link ValidatingParser}. It
 * is an {@link IllegalArgumentException}, so code that builds records by hand sees the usual type.
 */
public final class InvalidFieldException extends IllegalArgumentException {
  private final transient Rejection rejection;

  public InvalidFieldException(String field, String problem) {
    super(new Rejection(field, problem).reason());
    this.rejection = new Rejection(field, problem);
  }

  public Rejection rejection() {
    return rejection;
  }

  /** Rejections are expected input, not bugs: the stack trace would only cost time. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
