package io.vigil.processor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class ScoringMetricsTest {
  @Test
  void shouldBucketScoresByTheirNines() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ScoringMetrics metrics = new ScoringMetrics();
    metrics.bindTo(prometheus);
    ScoringMetrics.Setup ewma = metrics.setup("ewma");
    ewma.score(0.95); // 1.3 nines
    ewma.score(0.99999); // the default threshold
    ewma.score(0.9999995); // 6.3 nines
    ewma.score(1.0);

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
