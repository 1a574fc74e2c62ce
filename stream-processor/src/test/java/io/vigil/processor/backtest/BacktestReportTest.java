package io.vigil.processor.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.processor.TestDrivers;
import io.vigil.processor.detector.KeySettingsRegistry;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.Severity;
import io.vigil.schemas.config.KeyPattern;
import io.vigil.schemas.feedback.Label;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BacktestReportTest {
  private static final Instant T = Instant.parse("2026-12-06T10:00:00Z");
  private static final EventRange RANGE =
      new EventRange("events", Map.of(0, new PartitionRange(0, 0, 30)));

  @Test
  void shouldCountEventsAnomaliesAndPrecisionPerPatternWithTheConfigsSideBySide() {
    Labels labels =
        Labels.of(Map.of("a1", Label.CONFIRMED, "a2", Label.FALSE_POSITIVE, "b1", Label.CONFIRMED));
    BacktestRun.Result live =
        result(
            "live",
            List.of(
                anomaly("a1", "host-1", Severity.HIGH),
                anomaly("a2", "host-1", Severity.LOW),
                anomaly("b1", "db-1", Severity.CRITICAL),
                anomaly("x", "db-1", Severity.LOW)),
            Map.of("host-1", 10L, "host-2", 10L, "db-1", 10L));
    BacktestRun.Result candidate =
        result(
            "candidate",
            List.of(anomaly("a1", "host-1", Severity.HIGH)),
            Map.of("host-1", 10L, "host-2", 10L, "db-1", 10L));

    BacktestReport report =
        BacktestReport.of(RANGE, labels, List.of(live, candidate), Optional.empty());

    assertThat(report.rows())
        .extracting(
            BacktestReport.Row::pattern,
            BacktestReport.Row::config,
            BacktestReport.Row::events,
            BacktestReport.Row::anomalyCount,
            BacktestReport.Row::labelled,
            r -> r.precision().orElse(-1.0))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("host-*", "live", 20L, 2L, 2L, 0.5),
            org.assertj.core.groups.Tuple.tuple("host-*", "candidate", 20L, 1L, 1L, 1.0),
            org.assertj.core.groups.Tuple.tuple("*", "live", 10L, 2L, 1L, 1.0),
            org.assertj.core.groups.Tuple.tuple("*", "candidate", 10L, 0L, 0L, -1.0));
    assertThat(report.rows().get(0).anomalies())
        .containsEntry(Severity.HIGH, 1L)
        .containsEntry(Severity.LOW, 1L)
        .containsEntry(Severity.CRITICAL, 0L);
  }

  @Test
  void shouldReportOnlyTheKeysMatchingTheKeyPattern() {
    BacktestRun.Result live =
        result(
            "live",
            List.of(anomaly("a1", "host-1", Severity.HIGH), anomaly("b1", "db-1", Severity.LOW)),
            Map.of("host-1", 10L, "db-1", 10L));

    BacktestReport report =
        BacktestReport.of(
            RANGE, Labels.of(Map.of()), List.of(live), Optional.of(KeyPattern.of("db-*")));

    assertThat(report.rows())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.pattern()).isEqualTo("*");
              assertThat(r.events()).isEqualTo(10);
              assertThat(r.precision()).isEmpty();
            });
    assertThat(report.runs().get(0).anomalies()).extracting(Anomaly::key).containsExactly("db-1");
  }

  private static BacktestRun.Result result(
      String name, List<Anomaly> anomalies, Map<String, Long> events) {
    return new BacktestRun.Result(
        new Candidate(name, List.of()), anomalies, events, settings(), Duration.ofSeconds(1));
  }

  /** A config for host-*, the processor's default for everything else. */
  private static KeySettingsRegistry settings() {
    return TestDrivers.detectorSettings(
        "{\"pattern\":\"host-*\",\"detector\":\"ewma\",\"threshold\":0.9999,\"warmup\":50,"
            + "\"suppression\":\"PT1H\",\"version\":1}");
  }

  private static Anomaly anomaly(String id, String key, Severity severity) {
    return new Anomaly(
        id, key, T, T, 0.99, severity, "ewma", 1, null, null, null, null, null, null);
  }
}
