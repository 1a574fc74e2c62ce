package io.vigil.sink.consume;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vigil.runtime.metrics.ServiceErrors;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one target's consumer loop, all tagged {@code target}:
 *
 * <ul>
 *   <li>{@code vigil.sink.writes} (counter, {@code result}=success|failure): batch write attempts
 *   <li>{@code vigil.sink.write.duration} (timer, {@code result}): time spent in the writer
 *   <li>{@code vigil.sink.batch.size} (summary): anomalies per successfully written batch
 *   <li>{@code vigil.sink.anomalies.written} (counter): anomalies in successfully written batches
 *       (re-deliveries included; the writes are idempotent)
 *   <li>{@code vigil.sink.end.to.end.latency} (timer, explicit buckets 0.25 s … 60 s): event time
 *       of each anomaly until its batch was durably written (the freshness SLI)
 *   <li>{@code vigil.sink.records.undecodable} (counter): records skipped as not an anomaly
 *   <li>{@code vigil.sink.records.dead.lettered} (counter, {@code cause}=undecodable|rejected):
 *       records sent to the dead-letter topic
 *   <li>{@code vigil.sink.commits.failed} (counter): offset commits that failed after a write
 *   <li>{@code vigil.sink.write.retrying} (gauge, 0|1): 1 while the loop waits to retry a batch
 * </ul>
 */
public final class LoopMetrics {
  private final Counter writesSucceeded;
  private final Counter writesFailed;
  private final Timer successDuration;
  private final Timer failureDuration;
  private final DistributionSummary batchSize;
  private final Counter anomaliesWritten;
  private final Counter undecodable;
  private final Counter commitsFailed;
  private final Counter deadLetteredUndecodable;
  private final Counter deadLetteredRejected;
  private final AtomicInteger retrying = new AtomicInteger();
  private final ServiceErrors errors;
  private final String target;
  private final Timer endToEnd;

  public LoopMetrics(MeterRegistry registry, String target) {
    this.errors = new ServiceErrors(registry);
    this.target = target;
    // Explicit buckets: the freshness SLO (99 % stored within 5 s) reads the le="5.0" bucket.
    this.endToEnd =
        Timer.builder("vigil.sink.end.to.end.latency")
            .description("Time from an anomaly's event timestamp until it was durably written")
            .tag("target", target)
            .serviceLevelObjectives(
                Duration.ofMillis(250),
                Duration.ofMillis(500),
                Duration.ofSeconds(1),
                Duration.ofMillis(2500),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                Duration.ofSeconds(60))
            .register(registry);
    writesSucceeded = writes(registry, target, "success");
    writesFailed = writes(registry, target, "failure");
    successDuration = duration(registry, target, "success");
    failureDuration = duration(registry, target, "failure");
    batchSize =
        DistributionSummary.builder("vigil.sink.batch.size")
            .description("Anomalies per successfully written batch")
            .baseUnit("anomalies")
            .tag("target", target)
            .serviceLevelObjectives(1, 10, 50, 100, 250, 500, 1_000, 5_000)
            .register(registry);
    anomaliesWritten =
        Counter.builder("vigil.sink.anomalies.written")
            .description("Anomalies in successfully written batches, re-deliveries included")
            .tag("target", target)
            .register(registry);
    undecodable =
        Counter.builder("vigil.sink.records.undecodable")
            .description("Records on the anomalies topic that are not a readable anomaly")
            .tag("target", target)
            .register(registry);
    commitsFailed =
        Counter.builder("vigil.sink.commits.failed")
            .description("Offset commits that failed after a successful write")
            .tag("target", target)
            .register(registry);
    deadLetteredUndecodable = deadLettered(registry, target, "undecodable");
    deadLetteredRejected = deadLettered(registry, target, "rejected");
    Gauge.builder("vigil.sink.write.retrying", retrying, AtomicInteger::get)
        .description("1 while the consumer waits to retry a batch whose write failed")
        .tag("target", target)
        .register(registry);
  }

  private static Counter writes(MeterRegistry registry, String target, String result) {
    return Counter.builder("vigil.sink.writes")
        .description("Batch write attempts")
        .tag("target", target)
        .tag("result", result)
        .register(registry);
  }

  private static Counter deadLettered(MeterRegistry registry, String target, String cause) {
    return Counter.builder("vigil.sink.records.dead.lettered")
        .description("Records sent to the dead-letter topic")
        .tag("target", target)
        .tag("cause", cause)
        .register(registry);
  }

  private static Timer duration(MeterRegistry registry, String target, String result) {
    return Timer.builder("vigil.sink.write.duration")
        .description("Time to write one batch to the target")
        .tag("target", target)
        .tag("result", result)
        .publishPercentileHistogram()
        .register(registry);
  }

  void written(int anomalies, Duration took) {
    writesSucceeded.increment();
    successDuration.record(took);
    batchSize.record(anomalies);
    anomaliesWritten.increment(anomalies);
  }

  /** An anomaly was durably written {@code latency} after its event time (negative → 0). */
  void stored(Duration latency) {
    endToEnd.record(latency.isNegative() ? Duration.ZERO : latency);
  }

  void writeFailed(Duration took, RuntimeException error) {
    errors.record(target + "-writer", error);
    writesFailed.increment();
    failureDuration.record(took);
  }

  void deadLettered(String cause) {
    ("rejected".equals(cause) ? deadLetteredRejected : deadLetteredUndecodable).increment();
  }

  void undecodable() {
    undecodable.increment();
  }

  void commitFailed() {
    commitsFailed.increment();
  }

  void retrying(boolean waiting) {
    retrying.set(waiting ? 1 : 0);
  }
}
