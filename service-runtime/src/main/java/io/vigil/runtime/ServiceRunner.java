package io.vigil.runtime;

import io.vigil.runtime.config.ConfigException;
import io.vigil.runtime.config.Settings;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one service until the JVM is asked to stop: reads its config from the environment, starts
 * it, closes it on SIGTERM/Ctrl-C. Every service's {@code main} and the launcher's service commands
 * go through here, so exit codes and shutdown behave the same everywhere.
 */
public final class ServiceRunner {
  /** The configuration is invalid; the message lists every problem. */
  public static final int EXIT_BAD_CONFIG = 2;

  /** The service could not start (e.g. Kafka or a database unreachable). */
  public static final int EXIT_START_FAILED = 1;

  private static final Logger log = LoggerFactory.getLogger(ServiceRunner.class);

  private ServiceRunner() {}

  /** A service's start-up: from its config to a running instance. */
  @FunctionalInterface
  public interface Starter<C> {
    AutoCloseable start(C config, Clock clock) throws Exception;
  }

  /**
   * Starts the service and blocks until a shutdown signal; returns the process exit code.
   *
   * @param name service name for messages
   * @param env environment variables (settings source)
   * @param config reads and validates the service's config from settings
   * @param starter starts the service
   * @param err where configuration errors are printed for a human
   */
  public static <C> int run(
      String name,
      Map<String, String> env,
      Function<Settings, C> config,
      Starter<C> starter,
      PrintStream err) {
    C cfg;
    try {
      cfg = config.apply(Settings.load(env));
    } catch (ConfigException | UncheckedIOException e) {
      err.println(name + ": " + e.getMessage());
      return EXIT_BAD_CONFIG;
    }
    AutoCloseable service;
    try {
      service = starter.start(cfg, Clock.systemUTC());
    } catch (Exception e) {
      log.error("{} cannot start", name, e);
      err.println(name + ": cannot start: " + e.getMessage());
      return EXIT_START_FAILED;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              log.info("{} stopping", name);
              closeQuietly(name, service);
              stopped.countDown();
            },
            name + "-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    log.info("{} started", name);
    try {
      while (!stopped.await(1, TimeUnit.SECONDS)) {
        if (service instanceof Finite finite && finite.finished()) {
          log.info("{} finished its work", name);
          Runtime.getRuntime().removeShutdownHook(hook);
          closeQuietly(name, service);
          return finite.failed() ? EXIT_START_FAILED : 0;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(name, service);
    }
    return 0;
  }

  /** A service whose work can end by itself (e.g. a bounded generator run). */
  public interface Finite {
    boolean finished();

    /** Whether it ended because of an error rather than by completing. */
    boolean failed();
  }

  private static void closeQuietly(String name, AutoCloseable service) {
    try {
      service.close();
    } catch (Exception e) {
      log.warn("{} did not close cleanly", name, e);
    }
  }
}
