package io.vigil.sink;

import io.vigil.runtime.config.ConfigException;
import io.vigil.runtime.config.Settings;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/** Runs the results sink until the JVM is asked to stop. Configuration: see {@link SinkConfig}. */
public final class SinkMain {
  private SinkMain() {}

  public static void main(String[] args) throws InterruptedException {
    SinkConfig config;
    try {
      config = SinkConfig.from(Settings.load(System.getenv()));
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    SinkApplication app = SinkApplication.start(config, Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.close();
                  stopped.countDown();
                },
                "vigil-sink-shutdown"));
    stopped.await();
  }
}
