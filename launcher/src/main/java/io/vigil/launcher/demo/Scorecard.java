package io.vigil.launcher.demo;

import io.vigil.ingest.generate.AnomalyWindow;
import io.vigil.schemas.anomaly.Anomaly;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Scores the demo against its own ground truth: which injected anomalies (the generator's {@link
 * AnomalyWindow}s) an alert of the same series matched, stamped from the anomaly's first event to
 * {@link #GRACE} after its last, and which alerts came on a series that had no anomaly at all.
 * Alerts stamped before the live start belong to the history replay and are only counted.
 * Thread-safe.
 */
final class Scorecard {
  /** How long after an anomaly's last event an alert still counts as detecting it. */
  static final Duration GRACE = Duration.ofSeconds(2);

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private final Instant liveStart;
  private final List<Anomaly> live = new ArrayList<>();
  private long history;

  Scorecard(Instant liveStart) {
    this.liveStart = liveStart;
  }

  /** Records an alert; returns whether it is live (false: from the history replay). */
  synchronized boolean record(Anomaly anomaly) {
    if (anomaly.timestamp().isBefore(liveStart)) {
      history++;
      return false;
    }
    live.add(anomaly);
    return true;
  }

  synchronized long historyAlerts() {
    return history;
  }

  /** The verdict for these labels over these series. */
  synchronized Result result(Collection<AnomalyWindow> labels, Collection<String> seriesKeys) {
    List<AnomalyWindow> injected =
        labels.stream().filter(l -> !l.start().isBefore(liveStart)).sorted(BY_START).toList();
    List<Anomaly> alerts = List.copyOf(live);
    Set<String> anomalous = labels.stream().map(AnomalyWindow::key).collect(Collectors.toSet());
    List<Boolean> detected =
        injected.stream().map(l -> alerts.stream().anyMatch(a -> matches(a, l))).toList();
    long onClean = alerts.stream().filter(a -> !anomalous.contains(a.key())).count();
    long elsewhere =
        alerts.stream()
            .filter(a -> anomalous.contains(a.key()))
            .filter(a -> labels.stream().noneMatch(l -> matches(a, l)))
            .count();
    long cleanSeries = seriesKeys.stream().filter(k -> !anomalous.contains(k)).count();
    return new Result(injected, detected, onClean, cleanSeries, elsewhere, history);
  }

  private static boolean matches(Anomaly anomaly, AnomalyWindow label) {
    return anomaly.key().equals(label.key())
        && !anomaly.timestamp().isBefore(label.start())
        && !anomaly.timestamp().isAfter(label.end().plus(GRACE));
  }

  private static final java.util.Comparator<AnomalyWindow> BY_START =
      java.util.Comparator.comparing(AnomalyWindow::start).thenComparing(AnomalyWindow::key);

  /**
   * @param injected live anomalies injected, by start
   * @param detected for each, whether an alert matched it
   * @param onCleanSeries live alerts on series without any anomaly
   * @param cleanSeries how many series had no anomaly
   * @param elsewhere live alerts on anomalous series outside every anomaly's window
   * @param historyAlerts alerts during the history replay
   */
  record Result(
      List<AnomalyWindow> injected,
      List<Boolean> detected,
      long onCleanSeries,
      long cleanSeries,
      long elsewhere,
      long historyAlerts) {

    long detectedCount() {
      return detected.stream().filter(d -> d).count();
    }

    /** One line per injected anomaly: series, kind, time, size, detected or missed. */
    List<String> table() {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < injected.size(); i++) {
        AnomalyWindow l = injected.get(i);
        lines.add(
            String.format(
                Locale.ROOT,
                "  %-12s %-12s at %s  %+6.1f  %s",
                l.key(),
                l.kind().wireName().replace('_', '-'),
                TIME.format(l.start()),
                l.magnitude(),
                detected.get(i) ? "detected" : "missed"));
      }
      return lines;
    }

    /** E.g. "detected 8 of 9 injected anomalies, 0 alerts on the 11 clean series". */
    String summary() {
      return String.format(
          Locale.ROOT,
          "detected %d of %d injected anomalies, %d alerts on the %d clean series, %d other alerts"
              + " on anomalous series",
          detectedCount(),
          injected.size(),
          onCleanSeries,
          cleanSeries,
          elsewhere);
    }
  }
}
