package io.vigil.bench.detector;

import io.vigil.bench.MarkdownTable;
import io.vigil.detect.pipeline.DetectorCatalog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntBiFunction;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The compact per-setup summary of a {@link DetectorBenchmark} run, one row per (setup, features),
 * as a Markdown table (pasteable into the README). A cell the run did not measure shows "–".
 */
final class CostTable {
  /** The secondary result of JMH's gc profiler: bytes allocated per operation. */
  static final String ALLOCATION = "gc.alloc.rate.norm";

  private static final String SCORE = "scoreAndUpdate";
  private static final String ROUND_TRIP = "serialiseAndDeserialise";

  /** A measured mean with its error (JMH's 99.9 % confidence half-width; NaN when unknown). */
  record Figure(double mean, double error) {
    String format() {
      String mean = grouped(this.mean);
      return Double.isFinite(error) ? mean + " ± " + grouped(error) : mean;
    }
  }

  /** One (setup, features) row. */
  record Row(
      String setup,
      int features,
      Optional<Figure> nanosPerEvent,
      Optional<Double> bytesAllocatedPerEvent,
      Optional<Integer> stateBytes,
      Optional<Figure> roundTripNanos) {
    Row {
      Objects.requireNonNull(setup, "setup");
    }
  }

  private CostTable() {}

  /**
   * The rows of {@code results}, in catalogue order; the state size of each row comes from {@code
   * stateBytes} (setup, features).
   */
  static List<Row> rows(
      Collection<RunResult> results, ToIntBiFunction<String, Integer> stateBytes) {
    Map<List<Object>, RunResult> scores = new LinkedHashMap<>();
    Map<List<Object>, RunResult> roundTrips = new LinkedHashMap<>();
    Set<List<Object>> keys = new LinkedHashSet<>();
    for (RunResult result : results) {
      List<Object> key =
          List.of(
              result.getParams().getParam("setup"),
              Integer.parseInt(result.getParams().getParam("features")));
      String benchmark = result.getParams().getBenchmark();
      if (benchmark.endsWith("." + SCORE)) {
        scores.put(key, result);
      } else if (benchmark.endsWith("." + ROUND_TRIP)) {
        roundTrips.put(key, result);
      }
      keys.add(key);
    }
    List<Row> table = new ArrayList<>();
    for (List<Object> key : keys) {
      String setup = (String) key.get(0);
      int features = (Integer) key.get(1);
      Optional<RunResult> score = Optional.ofNullable(scores.get(key));
      table.add(
          new Row(
              setup,
              features,
              score.map(r -> figure(r.getPrimaryResult())),
              score.map(r -> r.getSecondaryResults().get(ALLOCATION)).map(Result::getScore),
              Optional.of(stateBytes.applyAsInt(setup, features)),
              Optional.ofNullable(roundTrips.get(key)).map(r -> figure(r.getPrimaryResult()))));
    }
    // Catalogue order (the README's), scalar before multivariate; JMH runs in its own order.
    table.sort(
        Comparator.comparingInt((Row row) -> DetectorCatalog.byName(row.setup()).ordinal())
            .thenComparingInt(Row::features));
    return List.copyOf(table);
  }

  /** The rows as an aligned Markdown table. */
  static String render(List<Row> rows) {
    List<List<String>> cells = new ArrayList<>();
    cells.add(
        List.of(
            "setup",
            "features",
            "score+update ns/event",
            "alloc B/event",
            "state B after " + grouped(DetectorBenchmark.STORED_EVENTS) + " events",
            "serialise+deserialise ns"));
    for (Row row : rows) {
      cells.add(
          List.of(
              row.setup(),
              Integer.toString(row.features()),
              row.nanosPerEvent().map(Figure::format).orElse("–"),
              row.bytesAllocatedPerEvent().map(CostTable::grouped).orElse("–"),
              row.stateBytes().map(b -> grouped(b)).orElse("–"),
              row.roundTripNanos().map(Figure::format).orElse("–")));
    }
    return MarkdownTable.render(cells, 1);
  }

  private static Figure figure(Result<?> result) {
    return new Figure(result.getScore(), result.getScoreError());
  }

  private static String grouped(double value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }
}
