package io.vigil.processor.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.processor.metrics.ProcessorMetrics.ModelReset;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class ProcessorMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ProcessorMetrics metrics = new ProcessorMetrics(registry);

  @Test
  void shouldExposeTheCountersAlertsReadAtZeroBeforeAnythingHappens() {
    assertThat(registry.get("vigil.processor.model.resets").counters())
        .extracting(c -> c.getId().getTag("reason"), Counter::count)
        .containsExactlyInAnyOrder(tuple("unreadable", 0.0), tuple("detector_changed", 0.0));
    assertThat(registry.get("vigil.processor.stream.thread.failures").counters())
        .hasSize(StreamThreadExceptionResponse.values().length)
        .allSatisfy(counter -> assertThat(counter.count()).isZero());
  }

  @Test
  void shouldCountResetsByReasonAndThreadFailuresByResponse() {
    metrics.modelReset(ModelReset.DETECTOR_CHANGED);
    metrics.streamThreadFailed(
        "IllegalStateException", StreamThreadExceptionResponse.REPLACE_THREAD);

    assertThat(
            registry
                .get("vigil.processor.model.resets")
                .tag("reason", "detector_changed")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("vigil.processor.stream.thread.failures")
                .tag("response", "replace_thread")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(
            registry
                .get("vigil.errors")
                .tag("component", "stream-thread")
                .tag("type", "IllegalStateException")
                .counter()
                .count())
        .isEqualTo(1);
  }
}
