package io.vigil.processor.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detect.pipeline.Maintenance;
import io.vigil.schemas.config.MaintenanceWindows;
import io.vigil.schemas.config.MaintenanceWindows.Action;
import io.vigil.schemas.config.MaintenanceWindows.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaintenanceCalendarTest {
  private static Maintenance of(Window... windows) {
    return MaintenanceCalendar.of(new MaintenanceWindows(Action.SUPPRESS, false, List.of(windows)));
  }

  private static Instant at(String time) {
    return Instant.parse(time);
  }

  @Test
  void shouldCoverAOneOffWindowFromItsStartUpToButExcludingItsEnd() {
    Maintenance maintenance =
        of(new Window(at("2026-12-01T22:00:00Z"), at("2026-12-02T02:00:00Z"), null, null, null));

    assertThat(maintenance.covers(at("2026-12-01T21:59:59.999Z"))).isFalse();
    assertThat(maintenance.covers(at("2026-12-01T22:00:00Z"))).isTrue();
    assertThat(maintenance.covers(at("2026-12-02T01:59:59.999Z"))).isTrue();
    assertThat(maintenance.covers(at("2026-12-02T02:00:00Z"))).isFalse();
    // Out of order, after the cache moved on.
    assertThat(maintenance.covers(at("2026-12-01T23:00:00Z"))).isTrue();
    assertThat(maintenance.covers(at("2026-11-30T23:00:00Z"))).isFalse();
  }

  @Test
  void shouldReadACronWindowInItsTimeZoneAcrossDaylightSavingTime() {
    Maintenance maintenance =
        of(new Window(null, null, "0 10 * * TUE", Duration.ofHours(1), "Europe/Berlin"));

    // Winter: 10:00 in Berlin is 09:00 UTC.
    assertThat(maintenance.covers(at("2026-01-06T08:59:59Z"))).isFalse();
    assertThat(maintenance.covers(at("2026-01-06T09:00:00Z"))).isTrue();
    assertThat(maintenance.covers(at("2026-01-06T09:59:59.999Z"))).isTrue();
    assertThat(maintenance.covers(at("2026-01-06T10:00:00Z"))).isFalse();
    // The same hour on a Wednesday is no window.
    assertThat(maintenance.covers(at("2026-01-07T09:30:00Z"))).isFalse();
    // Summer: 10:00 in Berlin is 08:00 UTC.
    assertThat(maintenance.covers(at("2026-07-07T08:00:00Z"))).isTrue();
    assertThat(maintenance.covers(at("2026-07-07T09:00:00Z"))).isFalse();
  }

  @Test
  void shouldAnswerEveryMinuteOfAWeekAsTheCronSaysInTimeOrder() {
    Maintenance maintenance =
        of(new Window(null, null, "30 2 * * *", Duration.ofMinutes(15), "UTC"));
    int covered = 0;
    for (Instant t = at("2026-03-01T00:00:00Z");
        t.isBefore(at("2026-03-08T00:00:00Z"));
        t = t.plusSeconds(60)) {
      covered += maintenance.covers(t) ? 1 : 0;
    }
    assertThat(covered).isEqualTo(7 * 15);
  }

  @Test
  void shouldHaveNoCalendarWithoutWindows() {
    assertThat(of()).isSameAs(Maintenance.NONE);
  }
}
