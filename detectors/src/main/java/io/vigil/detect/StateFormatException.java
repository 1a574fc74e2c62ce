package io.vigil.detect;

/** Stored model bytes that cannot be read: truncated, corrupt, or of an unknown format version. */
public final class StateFormatException extends RuntimeException {
  public StateFormatException(String message) {
    super(message);
  }

  public StateFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
