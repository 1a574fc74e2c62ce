package io.vigil.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong anomalies = new AtomicLong();
  private final AtomicLong lag = new AtomicLong();
  private final Progress progress = new Progress(events::get, anomalies::get, lag::get, clock);

  @Test
  void shouldReportTheRateSinceTheLastSampleWithTotalsAndLag() {
    clock.advance(Duration.ofSeconds(2));
    events.set(400);
    progress.sample();
    clock.advance(Duration.ofSeconds(1));
    events.set(1_650);
    anomalies.set(3);
    lag.set(12);

    assertThat(progress.sample())
        .isEqualTo("[0:03] events 1,650 (1,250/s)  anomalies 3  processor lag 12");
  }

  @Test
  void shouldSayLagIsUnavailableWhenItCannotBeRead() {
    lag.set(-1);
    clock.advance(Duration.ofSeconds(1));

    assertThat(progress.sample()).endsWith("processor lag n/a");
  }

  @Test
  void shouldSummariseTheRun() {
    clock.advance(Duration.ofSeconds(75));
    events.set(7_500);
    anomalies.set(8);

    assertThat(progress.summary(7, 8))
        .isEqualTo(
            "Done after 1:15: 7,500 events sent, 7 anomalies injected, 8 anomalies detected,"
                + " 8 rows in PostgreSQL.");
  }

  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
