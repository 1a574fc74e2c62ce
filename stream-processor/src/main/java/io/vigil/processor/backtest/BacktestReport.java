package io.vigil.processor.backtest;

import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.Severity;
import io.vigil.schemas.config.KeyPattern;
import io.vigil.schemas.feedback.Label;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a backtest found, per detector-config pattern and config: the rows of its table, the
 * anomalies of each config, the range it scored.
 */
public record BacktestReport(EventRange range, Labels labels, List<Row> rows, List<Run> runs) {

  /**
   * One config's figures for the keys of one pattern (the pattern of the config that scored them;
   * {@code *} includes keys no config matches).
   *
   * @param labelled anomalies with a label on the feedback topic
   * @param confirmed of those, labelled confirmed
   */
  public record Row(
      String pattern,
      String config,
      long events,
      Map<Severity, Long> anomalies,
      long labelled,
      long confirmed) {
    public Row {
      anomalies = Map.copyOf(anomalies);
    }

    public long anomalyCount() {
      return anomalies.values().stream().mapToLong(Long::longValue).sum();
    }

    /** confirmed / labelled, empty without labels. */
    public Optional<Double> precision() {
      return labelled == 0 ? Optional.empty() : Optional.of((double) confirmed / labelled);
    }
  }

  /** One config's run: its anomalies (of the reported keys) and how long it took. */
  public record Run(String config, List<Anomaly> anomalies, Duration took) {
    public Run {
      anomalies = List.copyOf(anomalies);
    }
  }

  static BacktestReport of(
      EventRange range,
      Labels labels,
      List<BacktestRun.Result> results,
      Optional<KeyPattern> keys) {
    // Rows grouped by pattern, the configs side by side in the order given.
    Map<String, List<Row>> byPattern = new TreeMap<>(BacktestReport::patternOrder);
    List<Run> runs = new ArrayList<>();
    for (BacktestRun.Result result : results) {
      String config = result.candidate().name();
      Map<String, long[]> events = new TreeMap<>();
      Map<String, Map<Severity, Long>> anomalies = new TreeMap<>();
      Map<String, long[]> labelCounts = new TreeMap<>();
      Set<String> patterns = new HashSet<>();
      result.eventsByKey().entrySet().stream()
          .filter(e -> keys.map(k -> k.matches(e.getKey())).orElse(true))
          .forEach(
              e -> {
                String pattern = result.settings().resolve(e.getKey()).pattern();
                patterns.add(pattern);
                events.computeIfAbsent(pattern, p -> new long[1])[0] += e.getValue();
              });
      List<Anomaly> reported = new ArrayList<>();
      for (Anomaly anomaly : result.anomalies()) {
        if (keys.isPresent() && !keys.get().matches(anomaly.key())) {
          continue;
        }
        reported.add(anomaly);
        String pattern = result.settings().resolve(anomaly.key()).pattern();
        patterns.add(pattern);
        anomalies
            .computeIfAbsent(pattern, p -> new EnumMap<>(Severity.class))
            .merge(anomaly.severity(), 1L, Long::sum);
        Optional<Label> label = labels.of(anomaly.id());
        if (label.isPresent()) {
          long[] counts = labelCounts.computeIfAbsent(pattern, p -> new long[2]);
          counts[0]++;
          if (label.get() == Label.CONFIRMED) {
            counts[1]++;
          }
        }
      }
      for (String pattern : patterns) {
        Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
          bySeverity.put(s, anomalies.getOrDefault(pattern, Map.of()).getOrDefault(s, 0L));
        }
        long[] counts = labelCounts.getOrDefault(pattern, new long[2]);
        byPattern
            .computeIfAbsent(pattern, p -> new ArrayList<>())
            .add(
                new Row(
                    pattern,
                    config,
                    events.getOrDefault(pattern, new long[1])[0],
                    bySeverity,
                    counts[0],
                    counts[1]));
      }
      runs.add(new Run(config, reported, result.took()));
    }
    List<Row> rows = byPattern.values().stream().flatMap(List::stream).toList();
    return new BacktestReport(range, labels, rows, runs);
  }

  /** Patterns by name, the catch-all last. */
  private static int patternOrder(String a, String b) {
    boolean anyA = a.equals(KeyPattern.ANY.glob());
    boolean anyB = b.equals(KeyPattern.ANY.glob());
    return anyA == anyB ? a.compareTo(b) : anyA ? 1 : -1;
  }
}
