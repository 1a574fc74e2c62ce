package io.vigil.evaluation.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.detect.AlertLevel;
import io.vigil.detect.Assessment;
import io.vigil.detect.pipeline.Decision;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DetectionTallyTest {
  private static final Assessment ASSESSMENT =
      new Assessment(5.0, 0.999999, Map.of(), Map.of(), 500, false, "test");
  private static final Decision QUIET =
      new Decision(0.1, Optional.empty(), false, 0, ASSESSMENT, false);
  private static final Decision ALERT =
      new Decision(0.999999, Optional.of(AlertLevel.HIGH), false, 0, ASSESSMENT, false);
  private static final Decision SUPPRESSED =
      new Decision(0.999999, Optional.of(AlertLevel.HIGH), true, 0, ASSESSMENT, false);

  /** Series 0: spikes at 100 and 300; series 1: a level shift 200..229; series 2 and 3 clean. */
  private static final List<Injection> INJECTIONS =
      List.of(
          new Injection(0, "spike", 100, 100),
          new Injection(0, "spike", 300, 300),
          new Injection(1, "level-shift", 200, 229));

  /** Four series of 500 events each; {@code alerts[s]} lists the alerting events of series s. */
  private static DetectionTally tally(Set<Long> suppressedOn0, long[]... alerts) {
    DetectionTally tally = new DetectionTally(4);
    for (int s = 0; s < 4; s++) {
      Set<Long> alerting = s < alerts.length ? toSet(alerts[s]) : Set.of();
      for (long i = 0; i < 500; i++) {
        Decision d = alerting.contains(i) ? ALERT : QUIET;
        if (s == 0 && suppressedOn0.contains(i)) {
          d = SUPPRESSED;
        }
        tally.record(s, i, d);
      }
    }
    return tally;
  }

  private static Set<Long> toSet(long[] values) {
    return java.util.Arrays.stream(values).boxed().collect(java.util.stream.Collectors.toSet());
  }

  @Test
  void shouldCountAnInjectionDetectedWhenAnAlertFallsInItsWindowOrItsGrace() {
    // Spike at 100 alerted at 103 (within grace 5); the one at 300 alerted at 306 (too late).
    DetectionReport report =
        tally(Set.of(), new long[] {103, 306}, new long[] {215})
            .report(List.of("spike", "level-shift"), INJECTIONS, 5);

    KindResult spike = report.kind("spike");
    assertThat(spike.injections()).isEqualTo(2);
    assertThat(spike.detected()).isEqualTo(1);
    assertThat(spike.recall()).isEqualTo(0.5);
    assertThat(report.kind("level-shift").recall()).isEqualTo(1.0);
    assertThat(report.all().injections()).isEqualTo(3);
    assertThat(report.all().detected()).isEqualTo(2);
  }

  @Test
  void shouldChargeAlertsOutsideEveryWindowToThePrecisionOfTheSeriesKind() {
    // Series 0: 100 true, 250 false, 301 true; series 1: 229+3 true (grace), 10 and 400 false.
    DetectionReport report =
        tally(Set.of(), new long[] {100, 250, 301}, new long[] {10, 232, 400})
            .report(List.of("spike", "level-shift"), INJECTIONS, 3);

    KindResult spike = report.kind("spike");
    assertThat(spike.alerts()).isEqualTo(3);
    assertThat(spike.trueAlerts()).isEqualTo(2);
    assertThat(spike.precision()).isEqualTo(2.0 / 3);
    KindResult shift = report.kind("level-shift");
    assertThat(shift.alerts()).isEqualTo(3);
    assertThat(shift.trueAlerts()).isEqualTo(1);
    assertThat(report.all().precision()).isEqualTo(3.0 / 6);
  }

  @Test
  void shouldTakeTheMedianDelayFromTheFirstAnomalousEventToTheFirstAlert() {
    // Delays: spike 100 -> 100 (0), spike 300 -> 302 (2, the later 303 ignored), shift 200 -> 207.
    DetectionReport report =
        tally(Set.of(), new long[] {100, 302, 303}, new long[] {207, 220})
            .report(List.of("spike", "level-shift"), INJECTIONS, 5);

    assertThat(report.kind("spike").medianDelay()).isEqualTo(1.0);
    assertThat(report.kind("level-shift").medianDelay()).isEqualTo(7.0);
    assertThat(report.all().medianDelay()).isEqualTo(2.0);
  }

  @Test
  void shouldReportNoDelayAndNoPrecisionForAKindNeverAlertedOn() {
    DetectionReport report = tally(Set.of()).report(List.of("spike", "level-shift"), INJECTIONS, 5);

    assertThat(report.kind("spike").medianDelay()).isNaN();
    assertThat(report.kind("spike").precision()).isNaN();
    assertThat(report.kind("spike").recall()).isZero();
    assertThat(report.format()).contains("spike", "0.000", "-");
  }

  @Test
  void shouldCountFalseAlertsPerTenThousandEventsOnCleanSeriesOnly() {
    // Series 2 and 3 are clean: 1,000 events, 3 alerts; the false alert on series 0 is not counted.
    DetectionReport report =
        tally(Set.of(), new long[] {250}, new long[] {}, new long[] {5, 400}, new long[] {42})
            .report(List.of("spike", "level-shift"), INJECTIONS, 5);

    assertThat(report.cleanSeries()).isEqualTo(2);
    assertThat(report.cleanEvents()).isEqualTo(1_000);
    assertThat(report.cleanAlerts()).isEqualTo(3);
    assertThat(report.falseAlertsPer10k()).isEqualTo(30.0);
    assertThat(report.format()).contains("30.00 false alerts per 10,000 events");
  }

  @Test
  void shouldIgnoreSuppressedRepeatsAsTheProcessorEmitsNothingForThem() {
    // The spike at 100 only gets a suppressed anomaly: the processor emits nothing, so missed.
    DetectionReport report =
        tally(Set.of(100L), new long[] {100}).report(List.of("spike"), INJECTIONS, 5);

    assertThat(report.kind("spike").detected()).isZero();
    assertThat(report.kind("spike").alerts()).isZero();
  }

  @Test
  void shouldListRowsInTheGivenKindOrderThenKindsNotListed() {
    DetectionReport report = tally(Set.of()).report(List.of("flatline", "spike"), INJECTIONS, 0);

    assertThat(report.kinds())
        .extracting(KindResult::kind)
        .containsExactly("flatline", "spike", "level-shift");
    assertThat(report.kind("flatline").injections()).isZero();
    assertThat(report.kind("flatline").recall()).isNaN();
  }

  @Test
  void shouldRejectAnInjectionOnASeriesItNeverSaw() {
    DetectionTally tally = tally(Set.of());

    assertThatThrownBy(
            () -> tally.report(List.of("spike"), List.of(new Injection(9, "spike", 1, 1)), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown series");
  }
}
