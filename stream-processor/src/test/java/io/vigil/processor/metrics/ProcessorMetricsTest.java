package io.vigil.processor.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class ProcessorMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void shouldExposeTheCountersAlertsReadAtZeroBeforeAnythingHappens() {
    new ProcessorMetrics(registry);

    assertThat(registry.get("vigil.processor.model.resets").counters())
        .extracting(c -> c.getId().getTag("reason"), Counter::count)
        .containsExactlyInAnyOrder(
            tuple("unreadable", 0.0), tuple("detector_changed", 0.0), tuple("operator", 0.0));
    assertThat(registry.get("vigil.processor.anomalies.suppressed").counters())
        .extracting(c -> c.getId().getTag("reason"), Counter::count)
        .containsExactlyInAnyOrder(
            tuple("repeat", 0.0),
            tuple("margin", 0.0),
            tuple("direction", 0.0),
            tuple("severity", 0.0),
            tuple("maintenance", 0.0));
    assertThat(registry.get("vigil.processor.stream.thread.failures").counters())
        .hasSize(StreamThreadExceptionResponse.values().length)
        .allSatisfy(counter -> assertThat(counter.count()).isZero());
  }
}
