package io.vigil.sink.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {
  @Test
  void shouldSumEverySeriesOfTheNamedMetricOnly() {
    String exposition =
        """
        # HELP vigil_processor_events_scored_total Events scored
        # TYPE vigil_processor_events_scored_total counter
        vigil_processor_events_scored_total{partition="0"} 120.0
        vigil_processor_events_scored_total{partition="1",note="a} b"} 30.0
        vigil_processor_events_scored_total_extra 1000.0
        vigil_processor_events_scored 7.0
        """;

    assertThat(PrometheusText.sum(exposition, "vigil_processor_events_scored_total"))
        .isEqualTo(150.0);
    assertThat(PrometheusText.sum(exposition, "absent_total")).isZero();
  }
}
