package io.vigil.sink.retention;

import io.vigil.runtime.BackgroundThreads;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link RetentionPurger} on its own daemon thread: first shortly after start-up (so
 * instances that restart often still purge), then every {@link Retention#interval()}.
 */
public final class RetentionJob implements AutoCloseable {
  /** Delay of the first run: time for the consumers and the pool to settle. */
  static final Duration FIRST_RUN = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

  private final ScheduledExecutorService scheduler;

  private RetentionJob(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  public static RetentionJob start(RetentionPurger purger) {
    ScheduledExecutorService scheduler = BackgroundThreads.scheduler("vigil-sink-retention");
    Duration interval = purger.retention().interval();
    Duration first = interval.compareTo(FIRST_RUN) < 0 ? interval : FIRST_RUN;
    scheduler.scheduleWithFixedDelay(
        purger::runLogged, first.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    log.info(
        "retention: anomalies older than {} are purged every {}",
        purger.retention().maxAge(),
        interval);
    return new RetentionJob(scheduler);
  }

  /**
   * Stops scheduling. A batch delete still running finishes, or fails when the pool closes (then
   * PostgreSQL rolls that batch back).
   */
  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
