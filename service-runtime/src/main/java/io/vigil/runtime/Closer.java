package io.vigil.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of a service, registered as they are opened and closed in reverse order (a later part
 * uses earlier ones), each one even when another failed to close; a failure is logged with the
 * part's name and never thrown, since nothing can be done about it at shutdown. A service registers
 * as it starts, closes the closer when a later step of its start fails, and closes it again from
 * its own {@code close()}; closing twice does nothing.
 */
public final class Closer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Closer.class);

  private record Part(String name, AutoCloseable part) {}

  private final String owner;
  private final Deque<Part> parts = new ArrayDeque<>();
  private boolean closed;

  /**
   * @param owner what the parts belong to, for the log (e.g. {@code results sink})
   */
  public Closer(String owner) {
    this.owner = owner;
  }

  /** Registers {@code part} to be closed before every part registered earlier; returns it. */
  public synchronized <T extends AutoCloseable> T register(String name, T part) {
    if (closed) {
      throw new IllegalStateException(owner + " is closed: cannot take " + name);
    }
    parts.push(new Part(name, part));
    return part;
  }

  @Override
  public synchronized void close() {
    closed = true;
    while (!parts.isEmpty()) {
      Part next = parts.pop();
      try {
        next.part().close();
      } catch (Exception e) {
        log.warn("{}: closing the {} failed", owner, next.name(), e);
      } catch (Error e) {
        log.error("{}: closing the {} failed", owner, next.name(), e);
        throw e;
      }
    }
  }
}
