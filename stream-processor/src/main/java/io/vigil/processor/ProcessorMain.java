package io.vigil.processor;

import io.vigil.processor.config.ProcessorConfig;
import io.vigil.runtime.ServiceRunner;

/** Runs the stream processor with settings from the environment; see {@link ProcessorConfig}. */
public final class ProcessorMain {
  private ProcessorMain() {}

  public static void main(String[] args) {
    System.exit(
        ServiceRunner.run(
            "processor",
            System.getenv(),
            ProcessorConfig::from,
            ProcessorApplication::start,
            System.err));
  }
}
