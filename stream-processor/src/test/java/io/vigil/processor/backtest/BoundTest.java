package io.vigil.processor.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BoundTest {
  @Test
  void shouldReadATimeAnOffsetAndTheEndsOfTheLog() {
    assertThat(Bound.parse("2026-12-06T10:00:00Z"))
        .isEqualTo(new Bound.Time(Instant.parse("2026-12-06T10:00:00Z")));
    assertThat(Bound.parse(" 1200 ")).isEqualTo(new Bound.Offset(1200));
    assertThat(Bound.parse("EARLIEST")).isEqualTo(new Bound.Earliest());
    assertThat(Bound.parse("latest")).isEqualTo(new Bound.Latest());
  }

  @Test
  void shouldRefuseAnythingElseSayingWhatItTakes() {
    assertThatThrownBy(() -> Bound.parse("yesterday"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'yesterday' is not a time (ISO-8601");
    assertThatThrownBy(() -> Bound.parse("-5")).isInstanceOf(IllegalArgumentException.class);
  }
}
