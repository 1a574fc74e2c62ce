package io.vigil.processor;

import io.vigil.processor.config.ProcessorConfig;
import io.vigil.runtime.config.ConfigException;
import io.vigil.runtime.config.Settings;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/** Runs the stream processor with settings from the environment; see {@link ProcessorConfig}. */
public final class ProcessorMain {
  private ProcessorMain() {}

  public static void main(String[] args) throws InterruptedException {
    ProcessorConfig config;
    try {
      config = ProcessorConfig.from(Settings.load(System.getenv()));
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    ProcessorApplication application = ProcessorApplication.start(config, Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  application.close();
                  stopped.countDown();
                },
                "vigil-processor-shutdown"));
    stopped.await();
  }
}
