package io.vigil.ingest.http;

import io.vigil.runtime.ServiceRunner;

/**
 * Runs the ingest API from environment variables (see {@link IngestServiceConfig}). Exits 0 on
 * SIGTERM, 2 on bad configuration, 1 when it cannot start.
 */
public final class IngestMain {
  private IngestMain() {}

  public static void main(String[] args) {
    System.exit(
        ServiceRunner.run(
            "ingest-api",
            System.getenv(),
            IngestServiceConfig::from,
            IngestApplication::start,
            System.err));
  }
}
