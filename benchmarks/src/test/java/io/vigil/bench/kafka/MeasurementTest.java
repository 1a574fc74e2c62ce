package io.vigil.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.processor.config.ProcessingGuarantee;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MeasurementTest {

  @Test
  void shouldTakeTheMiddleRepetitionAsMedianAndKeepTheRange() {
    Measurement row = measurement(List.of(300.0, 100.0, 200.0));

    assertThat(row.median()).isEqualTo(200.0);
    assertThat(row.min()).isEqualTo(100.0);
    assertThat(row.max()).isEqualTo(300.0);
  }

  @Test
  void shouldAverageTheMiddleTwoOfAnEvenCount() {
    assertThat(measurement(List.of(400.0, 100.0, 200.0, 300.0)).median()).isEqualTo(250.0);
  }

  @Test
  void shouldRejectAMeasurementWithoutRepetitions() {
    assertThatThrownBy(() -> measurement(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one repetition");
  }

  private static Measurement measurement(List<Double> rates) {
    return new Measurement(
        Profile.STORE_ONLY, Optional.of(ProcessingGuarantee.EXACTLY_ONCE_V2), 10_000, 1_000, rates);
  }
}
