package io.vigil.evaluation.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The figures of one synthetic evaluation: per kind and overall, and the false alerts on series
 * with nothing injected.
 *
 * @param kinds one row per injected kind, in the scenario's order
 * @param all every kind together (an alert counted once)
 * @param cleanSeries series without injections
 * @param cleanEvents events on those series
 * @param cleanAlerts alerts on those series: all false
 */
public record DetectionReport(
    List<KindResult> kinds, KindResult all, int cleanSeries, long cleanEvents, long cleanAlerts) {

  public DetectionReport {
    kinds = List.copyOf(kinds);
    Objects.requireNonNull(all, "all");
  }

  /** Alerts per 10,000 events on clean series; NaN without clean events. */
  public double falseAlertsPer10k() {
    return cleanEvents == 0 ? Double.NaN : cleanAlerts * 10_000.0 / cleanEvents;
  }

  /** The row of {@code kind}. */
  public KindResult kind(String kind) {
    return kinds.stream()
        .filter(k -> k.kind().equals(kind))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no kind " + kind + " in " + kinds));
  }

  /** The table {@code vigil evaluate} prints. */
  public String format() {
    List<String> lines = new ArrayList<>();
    String row = "%-16s %10s %8s %7s %7s %10s %13s";
    lines.add(
        String.format(
            Locale.ROOT,
            row,
            "kind",
            "injections",
            "detected",
            "recall",
            "alerts",
            "precision",
            "median delay"));
    List<KindResult> rows = new ArrayList<>(kinds);
    rows.add(all);
    for (KindResult k : rows) {
      lines.add(
          String.format(
              Locale.ROOT,
              row,
              k.kind(),
              k.injections(),
              k.detected(),
              ratio(k.recall()),
              k.alerts(),
              ratio(k.precision()),
              Double.isNaN(k.medianDelay())
                  ? "-"
                  : String.format(Locale.ROOT, "%.1f", k.medianDelay())));
    }
    lines.add(
        String.format(
            Locale.ROOT,
            "clean series: %d series, %d events, %d alerts = %s false alerts per 10,000 events",
            cleanSeries,
            cleanEvents,
            cleanAlerts,
            Double.isNaN(falseAlertsPer10k())
                ? "-"
                : String.format(Locale.ROOT, "%.2f", falseAlertsPer10k())));
    return String.join(System.lineSeparator(), lines);
  }

  private static String ratio(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
  }
}
