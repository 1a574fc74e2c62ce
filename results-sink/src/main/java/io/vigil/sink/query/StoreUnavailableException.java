package io.vigil.sink.query;

/** The store behind a query is down or did not answer in time; the client may try again. */
public final class StoreUnavailableException extends RuntimeException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
