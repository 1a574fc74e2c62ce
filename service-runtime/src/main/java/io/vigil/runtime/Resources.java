package io.vigil.runtime;

/** Closing a service's parts in order, each one even when an earlier one failed to close. */
public final class Resources {
  private Resources() {}

  /**
   * Closes {@code parts} in the given order. Every part is closed; the first failure is rethrown
   * with the later ones attached as suppressed exceptions.
   */
  public static void closeInOrder(AutoCloseable... parts) {
    RuntimeException failure = null;
    for (AutoCloseable part : parts) {
      try {
        part.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
