package io.vigil.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RatePacerTest {
  private static final long MS = 1_000_000;

  @Test
  void shouldReleaseEventsInProportionToElapsedTime() {
    RatePacer pacer = new RatePacer(100, 0);

    assertThat(pacer.due(0, 0)).isZero();
    assertThat(pacer.due(10 * MS, 0)).isEqualTo(1);
    assertThat(pacer.due(105 * MS, 1)).isEqualTo(9);
    assertThat(pacer.due(105 * MS, 10)).isZero();
    assertThat(pacer.due(1_000 * MS, 10)).isEqualTo(90);
  }

  @Test
  void shouldHandleRatesBelowOnePerTick() {
    RatePacer pacer = new RatePacer(0.5, 0);

    assertThat(pacer.due(1_999 * MS, 0)).isZero();
    assertThat(pacer.due(2_000 * MS, 0)).isEqualTo(1);
  }

  @Test
  void shouldAllowAtMostOneSecondOfCatchUpAfterAStall() {
    RatePacer pacer = new RatePacer(100, 0);

    assertThat(pacer.due(10_000 * MS, 0)).isEqualTo(100);
    // The other 9.9 s of debt are forgotten: the schedule carries on from here at the rate.
    assertThat(pacer.due(10_000 * MS, 100)).isZero();
    assertThat(pacer.due(10_100 * MS, 100)).isEqualTo(10);
  }
}
