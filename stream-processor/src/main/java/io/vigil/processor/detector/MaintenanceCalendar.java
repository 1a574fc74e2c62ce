package io.vigil.processor.detector;

import com.cronutils.model.time.ExecutionTime;
import io.vigil.detect.pipeline.Maintenance;
import io.vigil.schemas.config.MaintenanceWindows;
import io.vigil.schemas.config.MaintenanceWindows.Window;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The maintenance windows of a detector config as the scorer asks them, once per event: is this
 * event time in a window? Cron arithmetic is not cheap, so the answer is kept with the span of time
 * it holds for (until the window ends, or the next one starts); events of one key, and mostly of
 * all keys, come in time order, so nearly every question is two comparisons. Shared by the stream
 * threads: the span is one immutable value behind a volatile field.
 */
final class MaintenanceCalendar implements Maintenance.Calendar {
  /** How far ahead an inactive answer is trusted when no window starts sooner. */
  private static final Duration HORIZON = Duration.ofDays(1);

  private record Span(long from, long to, boolean active) {}

  private record Recurring(ExecutionTime starts, Duration duration, ZoneId zone) {}

  private final List<Window> once;
  private final List<Recurring> recurring;
  private volatile Span span = new Span(0, 0, false);

  private MaintenanceCalendar(List<Window> once, List<Recurring> recurring) {
    this.once = once;
    this.recurring = recurring;
  }

  static Maintenance of(MaintenanceWindows windows) {
    if (windows.windows().isEmpty()) {
      return Maintenance.NONE;
    }
    MaintenanceCalendar calendar =
        new MaintenanceCalendar(
            windows.windows().stream().filter(w -> w.cron() == null).toList(),
            windows.windows().stream()
                .filter(w -> w.cron() != null)
                .map(
                    w ->
                        new Recurring(
                            ExecutionTime.forCron(w.parsedCron()), w.duration(), w.zoneId()))
                .toList());
    return new Maintenance(
        calendar, windows.action() == MaintenanceWindows.Action.SUPPRESS, windows.freeze());
  }

  @Override
  public boolean covers(Instant time) {
    long millis = time.toEpochMilli();
    Span known = span;
    if (millis >= known.from && millis < known.to) {
      return known.active;
    }
    Span computed = compute(time);
    span = computed;
    return computed.active;
  }

  private Span compute(Instant time) {
    Instant activeUntil = null;
    Instant nextStart = time.plus(HORIZON);
    for (Window window : once) {
      if (!time.isBefore(window.from()) && time.isBefore(window.to())) {
        activeUntil = earlier(activeUntil, window.to());
      } else if (window.from().isAfter(time)) {
        nextStart = earlier(nextStart, window.from());
      }
    }
    for (Recurring window : recurring) {
      ZonedDateTime at = time.atZone(window.zone);
      Optional<ZonedDateTime> last = lastStartAtOrBefore(window.starts, at);
      Instant end = last.map(start -> start.toInstant().plus(window.duration)).orElse(null);
      if (end != null && time.isBefore(end)) {
        activeUntil = earlier(activeUntil, end);
      }
      Optional<ZonedDateTime> next = window.starts.nextExecution(at);
      if (next.isPresent()) {
        nextStart = earlier(nextStart, next.get().toInstant());
      }
    }
    long from = time.toEpochMilli();
    if (activeUntil != null) {
      return new Span(from, activeUntil.toEpochMilli(), true);
    }
    return new Span(from, nextStart.toEpochMilli(), false);
  }

  /** The last start at or before {@code at} (cron-utils' lastExecution is strictly before). */
  private static Optional<ZonedDateTime> lastStartAtOrBefore(
      ExecutionTime starts, ZonedDateTime at) {
    if (at.getSecond() == 0 && at.getNano() == 0 && starts.isMatch(at)) {
      return Optional.of(at);
    }
    return starts.lastExecution(at);
  }

  private static Instant earlier(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }
}
