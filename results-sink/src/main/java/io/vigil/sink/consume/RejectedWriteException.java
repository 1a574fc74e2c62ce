package io.vigil.sink.consume;

/**
 * The target refused the data itself (e.g. a constraint violation), so retrying the same batch can
 * never succeed. The consumer then writes the batch record by record and dead-letters the records
 * that are refused again. The target is up, so this does not count against its circuit breaker.
 */
public final class RejectedWriteException extends RuntimeException {
  public RejectedWriteException(String message, Throwable cause) {
    super(message, cause);
  }
}
