package io.vigil.launcher.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.LongSupplier;

/** Turns counters into the demo's status line: rates over the last sample, totals, lag. */
final class Progress {
  private final LongSupplier eventsSent;
  private final LongSupplier anomaliesSeen;
  private final LongSupplier processorLag;
  private final Clock clock;
  private final Instant start;
  private Instant lastAt;
  private long lastEvents;

  Progress(
      LongSupplier eventsSent, LongSupplier anomaliesSeen, LongSupplier processorLag, Clock clock) {
    this.eventsSent = eventsSent;
    this.anomaliesSeen = anomaliesSeen;
    this.processorLag = processorLag;
    this.clock = clock;
    this.start = clock.instant();
    this.lastAt = start;
  }

  String sample() {
    Instant now = clock.instant();
    long events = eventsSent.getAsLong();
    double seconds = Math.max(0.001, Duration.between(lastAt, now).toMillis() / 1000.0);
    double rate = (events - lastEvents) / seconds;
    lastAt = now;
    lastEvents = events;
    long lag = processorLag.getAsLong();
    return String.format(
        Locale.ROOT,
        "[%s] events %,d (%,.0f/s)  anomalies %,d  processor lag %s",
        elapsed(now),
        events,
        rate,
        anomaliesSeen.getAsLong(),
        lag < 0 ? "n/a" : String.format(Locale.ROOT, "%,d", lag));
  }

  String summary(int injected, long storedRows) {
    return String.format(
        Locale.ROOT,
        "Done after %s: %,d events sent, %d anomalies injected, %,d anomalies detected,"
            + " %s rows in PostgreSQL.",
        elapsed(clock.instant()),
        eventsSent.getAsLong(),
        injected,
        anomaliesSeen.getAsLong(),
        storedRows < 0 ? "?" : Long.toString(storedRows));
  }

  private String elapsed(Instant now) {
    long s = Duration.between(start, now).toSeconds();
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
