package io.vigil.sink;

import io.vigil.runtime.ServiceRunner;

/** Runs the results sink until the JVM is asked to stop. Configuration: see {@link SinkConfig}. */
public final class SinkMain {
  private SinkMain() {}

  public static void main(String[] args) {
    System.exit(
        ServiceRunner.run(
            "sink", System.getenv(), SinkConfig::from, SinkApplication::start, System.err));
  }
}
