package io.vigil.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.ingest.generate.AnomalyKind;
import io.vigil.ingest.generate.AnomalyWindow;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScorecardTest {
  private static final Instant LIVE = Instant.parse("2026-01-01T12:00:00Z");

  private static Anomaly alert(String key, Instant at) {
    return new Anomaly(
        key + "@" + at,
        key,
        at,
        at,
        0.999999,
        Severity.MEDIUM,
        "adaptive/spike",
        1,
        Map.of("value", 1.0),
        Map.of(),
        Map.of("value", 1.0),
        null,
        Map.of(),
        null);
  }

  @Test
  void shouldMatchAlertsToInjectedAnomaliesBySeriesAndWindowAndCountTheRest() {
    Scorecard scorecard = new Scorecard(LIVE);
    AnomalyWindow spike =
        new AnomalyWindow("s1", AnomalyKind.SPIKE, LIVE.plusSeconds(5), LIVE.plusSeconds(5), 12);
    AnomalyWindow shift =
        new AnomalyWindow(
            "s2", AnomalyKind.LEVEL_SHIFT, LIVE.plusSeconds(10), LIVE.plusSeconds(16), -6);
    AnomalyWindow missed =
        new AnomalyWindow("s3", AnomalyKind.SPIKE, LIVE.plusSeconds(15), LIVE.plusSeconds(15), 12);

    assertThat(scorecard.record(alert("s4", LIVE.minusSeconds(3600)))).isFalse();
    assertThat(scorecard.record(alert("s1", LIVE.plusSeconds(5)))).isTrue();
    scorecard.record(alert("s2", LIVE.plusSeconds(16).plus(Scorecard.GRACE)));
    scorecard.record(alert("s3", LIVE.plusSeconds(14)));
    scorecard.record(alert("s5", LIVE.plusSeconds(30)));

    Scorecard.Result result =
        scorecard.result(List.of(shift, missed, spike), List.of("s1", "s2", "s3", "s4", "s5"));

    assertThat(result.injected()).containsExactly(spike, shift, missed);
    assertThat(result.detected()).containsExactly(true, true, false);
    assertThat(result.onCleanSeries()).isEqualTo(1);
    assertThat(result.elsewhere()).isEqualTo(1);
    assertThat(result.historyAlerts()).isEqualTo(1);
    assertThat(result.summary())
        .isEqualTo(
            "detected 2 of 3 injected anomalies, 1 alerts on the 2 clean series, 1 other alerts on"
                + " anomalous series");
    assertThat(result.table().get(2)).contains("s3").contains("spike").endsWith("missed");
  }
}
