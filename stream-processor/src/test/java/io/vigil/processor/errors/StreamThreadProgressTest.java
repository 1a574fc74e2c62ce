package io.vigil.processor.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;

class StreamThreadProgressTest {
  private final Map<String, Double> commits = new HashMap<>();
  private final StreamThreadProgress progress = new StreamThreadProgress(() -> Map.copyOf(commits));

  @Test
  void shouldCountFailuresUntilAThreadCommits() {
    commits.put("t-1", 5.0);
    progress.failed("A");
    assertThat(progress.failuresWithoutProgress()).isEqualTo(1);
    commits.remove("t-1");
    commits.put("t-2", 0.0);
    progress.failed("B");
    progress.failed("C");
    assertThat(progress.failuresWithoutProgress()).isEqualTo(3);
    assertThat(progress.stall())
        .contains("stream threads failed 3 times in a row without committing, last: C");

    commits.put("t-2", 2.0);
    assertThat(progress.failuresWithoutProgress()).isZero();
    assertThat(progress.stall()).isEmpty();
  }

  @Test
  void shouldStartOverWhenTheFailingThreadHadCommittedSinceTheLastFailure() {
    commits.put("t-1", 1.0);
    progress.failed("A");
    commits.put("t-1", 3.0);
    progress.failed("B");

    assertThat(progress.failuresWithoutProgress()).isEqualTo(1);
    assertThat(progress.stall()).isEmpty();
  }

  @Test
  void shouldCountAnOlderThreadsNewCommitsAsProgress() {
    commits.put("t-1", 10.0);
    commits.put("t-2", 4.0);
    progress.failed("A");
    progress.failed("A");
    assertThat(progress.stall()).isPresent();

    commits.put("t-1", 11.0);
    assertThat(progress.stall()).isEmpty();
  }

  @Test
  void shouldReadEachStreamThreadsCommitTotalAndExposeTheGauge() {
    MetricName commitTotal =
        new MetricName(
            "commit-total", "stream-thread-metrics", "", Map.of("thread-id", "app-StreamThread-1"));
    MetricName other =
        new MetricName("poll-total", "stream-thread-metrics", "", Map.of("thread-id", "x"));
    Measurable seven = (config, now) -> 7.0;
    Map<MetricName, KafkaMetric> metrics =
        Map.of(
            commitTotal,
            new KafkaMetric(new Object(), commitTotal, seven, new MetricConfig(), Time.SYSTEM),
            other,
            new KafkaMetric(new Object(), other, seven, new MetricConfig(), Time.SYSTEM));

    assertThat(StreamThreadProgress.commitTotals(metrics))
        .isEqualTo(Map.of("app-StreamThread-1", 7.0));

    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    progress.bindTo(registry);
    progress.failed("A");
    assertThat(
            registry.get("vigil.processor.stream.thread.failures.without.progress").gauge().value())
        .isEqualTo(1.0);
  }
}
