package io.vigil.launcher.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

  @Test
  void shouldFindTheMetricsOfAnAggregationAndSkipFunctionsLabelsAndDurations() {
    assertThat(
            PromQl.metricNames(
                "histogram_quantile(0.95, sum by (service, le) (rate(vigil_x_bucket{from=\"a b\",le=\"5.0\"}[5m] offset 1h)))"))
        .containsExactly("vigil_x_bucket");
  }

  @Test
  void shouldFindEveryOperandOfABinaryExpressionWithVectorMatching() {
    assertThat(
            PromQl.metricNames(
                "sum by (instance) (pg_a) / on (instance) group_left(pool) max by (instance) (pg_b) > 0.8 and bool c:recorded:ratio"))
        .containsExactly("c:recorded:ratio", "pg_a", "pg_b");
  }

  @Test
  void shouldReadGrafanaVariablesAndLabelValuesQueries() {
    assertThat(PromQl.metricNames("rate(vigil_y_total{instance=~\"$instance\"}[$__rate_interval])"))
        .containsExactly("vigil_y_total");
    assertThat(PromQl.metricNames("label_values(up{job=\"vigil-processor\"}, instance)"))
        .containsExactly("up");
    assertThat(PromQl.metricNames("label_values(vigil_kafka_consumer_group_lag, partition)"))
        .containsExactly("vigil_kafka_consumer_group_lag");
  }

  @Test
  void shouldIgnoreNumbersInScientificNotationAndKeywordsOfNumbers() {
    assertThat(PromQl.metricNames("x > 1e3 or y < -Inf unless vector(0)"))
        .containsExactly("x", "y");
  }
}
