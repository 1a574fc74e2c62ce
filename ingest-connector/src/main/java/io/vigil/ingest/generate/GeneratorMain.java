package io.vigil.ingest.generate;

import io.vigil.runtime.config.ConfigException;
import io.vigil.runtime.config.Settings;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the generator service from environment variables (see {@link GeneratorServiceConfig}). Exits
 * 0 when a bounded run ends, 2 on bad configuration, 1 when it cannot start.
 */
public final class GeneratorMain {
  private static final Logger log = LoggerFactory.getLogger(GeneratorMain.class);

  private GeneratorMain() {}

  public static void main(String[] args) {
    GeneratorServiceConfig config;
    try {
      config = GeneratorServiceConfig.from(Settings.load(System.getenv()));
    } catch (ConfigException | UncheckedIOException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    GeneratorApplication app;
    try {
      app = GeneratorApplication.start(config, Clock.systemUTC());
    } catch (RuntimeException e) {
      log.error("generator cannot start", e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "vigil-generator-shutdown"));
    log.info("generator admin server on port {}", app.adminPort());
    int status = 0;
    try {
      // Returns when a bounded run ends or the shutdown hook closes the generator.
      while (!app.awaitCompletion(Duration.ofHours(1)) && !Thread.currentThread().isInterrupted()) {
        log.debug("generator still running");
      }
    } catch (IllegalStateException e) {
      log.error("generator stopped", e);
      status = 1;
    }
    app.close();
    System.exit(status);
  }
}
