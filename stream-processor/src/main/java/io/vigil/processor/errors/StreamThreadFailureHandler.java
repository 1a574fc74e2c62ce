package io.vigil.processor.errors;

import io.vigil.processor.metrics.ErrorMetrics;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream thread that dies is replaced: under exactly-once its open transaction is aborted and the
 * new thread resumes from the last commit, so nothing is lost or doubled. A JVM error (out of
 * memory and the like) shuts the client down instead, since a new thread would not fare better;
 * readiness then reports the instance down. Every failure is counted, and reported to {@link
 * StreamThreadProgress}, which takes readiness down when replaced threads keep failing without
 * committing anything.
 */
public final class StreamThreadFailureHandler implements StreamsUncaughtExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(StreamThreadFailureHandler.class);

  private final ErrorMetrics metrics;
  private final StreamThreadProgress progress;

  public StreamThreadFailureHandler(ErrorMetrics metrics, StreamThreadProgress progress) {
    this.metrics = metrics;
    this.progress = progress;
  }

  @Override
  public StreamThreadExceptionResponse handle(Throwable exception) {
    StreamThreadExceptionResponse response =
        exception instanceof VirtualMachineError
            ? StreamThreadExceptionResponse.SHUTDOWN_CLIENT
            : StreamThreadExceptionResponse.REPLACE_THREAD;
    log.error("stream thread failed, response {}", response, exception);
    Throwable root = rootCause(exception);
    metrics.streamThreadFailed(root.getClass().getSimpleName(), response);
    progress.failed(DeadLetterRecords.reason(root));
    return response;
  }

  private static Throwable rootCause(Throwable exception) {
    Throwable cause = exception;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }
}
