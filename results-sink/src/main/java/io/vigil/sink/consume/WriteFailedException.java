package io.vigil.sink.consume;

/** A target could not store a batch; the consumer keeps the offsets and retries the batch. */
public final class WriteFailedException extends RuntimeException {
  public WriteFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
