package io.vigil.processor.errors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Whether stream threads that fail are getting anywhere. A replaced thread resumes from the last
 * commit, which heals a passing fault; a fault that comes back on every attempt (a record no
 * handler can deal with, an output topic that refuses every write) would replace threads for ever
 * while the instance looks healthy. So failures are counted until a stream thread commits again:
 * from {@link #STALLED_AFTER} failures in a row without a commit the instance is stalled, which
 * takes readiness down with the reason and shows in the {@code
 * vigil_processor_stream_thread_failures_without_progress} gauge.
 *
 * <p>Progress is read from Kafka Streams' own {@code commit-total} of each live stream thread
 * (counted only when a commit actually wrote something): a thread started after the last failure
 * that has committed, or an older one whose count has grown since, is progress.
 */
public final class StreamThreadProgress {
  /** Failures in a row without a commit that make the instance stalled. */
  public static final int STALLED_AFTER = 2;

  private final Supplier<Map<String, Double>> commits;
  private Map<String, Double> atLastFailure = Map.of();
  private int failuresInARow;
  private String lastCause = "";

  /**
   * @param commits per live stream thread, its {@code commit-total}
   */
  public StreamThreadProgress(Supplier<Map<String, Double>> commits) {
    this.commits = commits;
  }

  /** Per stream thread, its {@code commit-total}, from {@link KafkaStreams#metrics()}. */
  public static Map<String, Double> commitTotals(Map<MetricName, ? extends Metric> metrics) {
    Map<String, Double> totals = new HashMap<>();
    metrics.forEach(
        (name, metric) -> {
          if (name.group().equals("stream-thread-metrics")
              && name.name().equals("commit-total")
              && metric.metricValue() instanceof Number value) {
            totals.merge(
                name.tags().getOrDefault("thread-id", ""), value.doubleValue(), Double::sum);
          }
        });
    return totals;
  }

  /** A stream thread failed with {@code cause} (the root cause's class and message). */
  public synchronized void failed(String cause) {
    Map<String, Double> now = commits.get();
    failuresInARow = progressed(now) ? 1 : failuresInARow + 1;
    atLastFailure = now;
    lastCause = cause;
  }

  /** Failures since the last commit; 0 once a thread commits again. */
  public synchronized int failuresWithoutProgress() {
    if (failuresInARow > 0 && progressed(commits.get())) {
      failuresInARow = 0;
    }
    return failuresInARow;
  }

  /** Why the instance is stalled, when it is. */
  public synchronized Optional<String> stall() {
    int failures = failuresWithoutProgress();
    if (failures < STALLED_AFTER) {
      return Optional.empty();
    }
    return Optional.of(
        "stream threads failed "
            + failures
            + " times in a row without committing, last: "
            + lastCause);
  }

  /** Registers the {@code vigil.processor.stream.thread.failures.without.progress} gauge. */
  public void bindTo(MeterRegistry registry) {
    Gauge.builder(
            "vigil.processor.stream.thread.failures.without.progress",
            this,
            StreamThreadProgress::failuresWithoutProgress)
        .description(
            "Stream thread failures since a stream thread last committed; "
                + STALLED_AFTER
                + " or more: not ready")
        .register(registry);
  }

  private boolean progressed(Map<String, Double> now) {
    for (Map.Entry<String, Double> thread : now.entrySet()) {
      if (thread.getValue() > atLastFailure.getOrDefault(thread.getKey(), 0.0)) {
        return true;
      }
    }
    return false;
  }
}
