package io.vigil.launcher.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ShippedQueriesTest {
  private static final Path MONITORING = Path.of("../monitoring");

  @Test
  void shouldReadTheQueriesOfEveryRuleFileAndDashboard() {
    ShippedQueries shipped = ShippedQueries.in(MONITORING);

    assertThat(shipped.queries())
        .extracting(ShippedQueries.Query::source)
        .anyMatch(source -> source.startsWith("recording.yml "))
        .anyMatch(source -> source.startsWith("alerts.yml VigilCircuitBreakerOpen"))
        .anyMatch(source -> source.equals("vigil-partitions.json $partition"))
        .anyMatch(source -> source.equals("vigil-sink.json"));
    assertThat(shipped.metricNames()).containsKeys("up", "vigil_processor_events_scored_total");
  }

  @Test
  void shouldDefineEveryRecordedSeriesThatARuleOrDashboardReads() {
    ShippedQueries shipped = ShippedQueries.in(MONITORING);

    Map<String, String> undefined =
        shipped.metricNames().entrySet().stream()
            .filter(name -> name.getKey().contains(":"))
            .filter(name -> !shipped.recordedNames().contains(name.getKey()))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertThat(undefined).as("recording-rule names read but never recorded").isEmpty();
  }
}
