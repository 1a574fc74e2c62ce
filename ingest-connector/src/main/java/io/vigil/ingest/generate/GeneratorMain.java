package io.vigil.ingest.generate;

import io.vigil.runtime.ServiceRunner;

/**
 * Runs the generator service from environment variables (see {@link GeneratorServiceConfig}). Exits
 * 0 when a bounded run ends or on SIGTERM, 2 on bad configuration, 1 when it cannot start or fails.
 */
public final class GeneratorMain {
  private GeneratorMain() {}

  public static void main(String[] args) {
    System.exit(
        ServiceRunner.run(
            "generator",
            System.getenv(),
            GeneratorServiceConfig::from,
            GeneratorApplication::start,
            System.err));
  }
}
