package io.vigil.runtime;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Schedulers for a service's periodic background work. */
public final class BackgroundThreads {
  private BackgroundThreads() {}

  /**
   * One named daemon thread that runs scheduled tasks: it never keeps the JVM alive, and thread
   * dumps say what it is for.
   */
  public static ScheduledExecutorService scheduler(String threadName) {
    return Executors.newSingleThreadScheduledExecutor(
        task -> {
          Thread thread = new Thread(task, threadName);
          thread.setDaemon(true);
          return thread;
        });
  }
}
