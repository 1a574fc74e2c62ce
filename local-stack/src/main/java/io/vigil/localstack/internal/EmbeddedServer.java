package io.vigil.localstack.internal;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life cycle every embedded server shares: stop and restart keep port and data, both are timed
 * and logged, and nothing restarts after {@link #close()}. Subclasses only say how to boot and how
 * to shut down their server.
 */
public abstract class EmbeddedServer implements AutoCloseable {
  private final Logger log = LoggerFactory.getLogger(getClass());
  private final String displayName;
  private boolean running;
  private boolean closed;

  protected EmbeddedServer(String displayName) {
    this.displayName = displayName;
  }

  /** Starts the server; on failure leaves nothing running and throws. */
  protected abstract void bootUp();

  /** Stops the running server, keeping its data. */
  protected abstract void shutDown();

  /** Where clients reach it, for the log line. */
  protected abstract String address();

  /** Stops the server, keeping its port and data for {@link #restart()}. No-op when stopped. */
  public final synchronized void stop() {
    if (!running) {
      return;
    }
    long started = System.nanoTime();
    try {
      shutDown();
    } finally {
      running = false;
    }
    log.info("{} stopped in {} ms", displayName, elapsedMillis(started));
  }

  /** Starts the server again on the same port with the same data, stopping it first if needed. */
  public final synchronized void restart() {
    if (closed) {
      throw new IllegalStateException(displayName + " is closed");
    }
    stop();
    long started = System.nanoTime();
    bootUp();
    running = true;
    log.info("{} ready at {} in {} ms", displayName, address(), elapsedMillis(started));
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stop();
  }

  private static long elapsedMillis(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
