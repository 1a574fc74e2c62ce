package io.vigil.processor.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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

  @Test
  void shouldCountResetsByReason() {
    metrics.modelReset(ModelReset.DETECTOR_CHANGED);

    assertThat(
            registry
                .get("vigil.processor.model.resets")
                .tag("reason", "detector_changed")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void shouldBucketScoresByTheirNines() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ProcessorMetrics metrics = new ProcessorMetrics(prometheus);
    metrics.score("ewma", 0.95); // 1.3 nines
    metrics.score("ewma", 0.99999); // the default threshold
    metrics.score("ewma", 0.9999995); // 6.3 nines
    metrics.score("ewma", 1.0);

    assertThat(
            prometheus
                .scrape()
                .lines()
                .filter(line -> line.startsWith("vigil_processor_score_nines_")))
        .contains(
            "vigil_processor_score_nines_bucket{detector=\"ewma\",le=\"1.0\"} 0",
            "vigil_processor_score_nines_bucket{detector=\"ewma\",le=\"2.0\"} 1",
            "vigil_processor_score_nines_bucket{detector=\"ewma\",le=\"5.0\"} 2",
            "vigil_processor_score_nines_bucket{detector=\"ewma\",le=\"6.0\"} 2",
            "vigil_processor_score_nines_bucket{detector=\"ewma\",le=\"7.0\"} 3",
            "vigil_processor_score_nines_bucket{detector=\"ewma\",le=\"10.0\"} 3",
            "vigil_processor_score_nines_bucket{detector=\"ewma\",le=\"+Inf\"} 4",
            "vigil_processor_score_nines_max{detector=\"ewma\"} 12.0");
  }
}
