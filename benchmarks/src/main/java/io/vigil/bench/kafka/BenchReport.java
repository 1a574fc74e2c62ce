package io.vigil.bench.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vigil.bench.MarkdownTable;
import io.vigil.runtime.metrics.BuildInfo;
import io.vigil.schemas.serde.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** A run's figures as a Markdown table and as JSON (for comparing commits). */
public final class BenchReport {
  private BenchReport() {}

  /** One row per measurement, in run order, with each Vigil row's ratio to its anchor. */
  public static String table(BenchResult result) {
    return render(
        List.of(
            "profile",
            "guarantee",
            "keys",
            "events",
            "events/s (median)",
            "min – max",
            "× store-only"),
        result.measurements(),
        row ->
            List.of(
                row.label(),
                row.guaranteeLabel(),
                grouped(row.keys()),
                grouped(row.events()),
                grouped(row.median()),
                grouped(row.min()) + " – " + grouped(row.max()),
                result.ratioToStoreOnly(row).stream()
                    .mapToObj(r -> String.format(Locale.ROOT, "%.2f", r))
                    .findFirst()
                    .orElse("–")));
  }

  /** One row per state measurement; empty when the run measured none. */
  public static String stateTable(BenchResult result) {
    return render(
        List.of(
            "profile",
            "guarantee",
            "keys",
            "state dir B/key",
            "changelog B/key",
            "restore s",
            "keys restored"),
        result.states(),
        row ->
            List.of(
                row.profile().label(),
                Guarantees.label(row.guarantee()),
                grouped(row.keys()),
                grouped(row.stateDirBytesPerKey()),
                grouped(row.changelogBytesPerKey()),
                String.format(Locale.ROOT, "%.1f", row.restoreSeconds()),
                grouped(row.restoredKeys())));
  }

  /** One row per latency measurement; empty when the run measured none. */
  public static String latencyTable(BenchResult result) {
    return render(
        List.of(
            "profile",
            "guarantee",
            "keys",
            "load",
            "events/s sent",
            "p50 ms",
            "p99 ms",
            "p999 ms",
            "max ms",
            "samples"),
        result.latencies(),
        row ->
            List.of(
                row.profile().label(),
                Guarantees.label(row.guarantee()),
                grouped(row.keys()),
                String.format(Locale.ROOT, "%.0f %%", row.load() * 100),
                grouped(row.achievedRate()),
                grouped(row.p50Millis()),
                grouped(row.p99Millis()),
                grouped(row.p999Millis()),
                grouped(row.maxMillis()),
                grouped(row.samples())));
  }

  /** A Markdown table, profile and guarantee left-aligned; empty without rows. */
  private static <T> String render(
      List<String> header, List<T> rows, Function<T, List<String>> cellsOf) {
    if (rows.isEmpty()) {
      return "";
    }
    List<List<String>> cells = new ArrayList<>();
    cells.add(header);
    rows.forEach(row -> cells.add(cellsOf.apply(row)));
    return MarkdownTable.render(cells, 2);
  }

  /**
   * What the JSON file holds: what was built (version, git commit), the run's conditions and one
   * entry per row.
   */
  public record Document(
      String version,
      String commit,
      Instant started,
      String cluster,
      int partitions,
      int warmups,
      int repetitions,
      double averageEventBytes,
      String java,
      int processors,
      List<Row> rows,
      List<LatencyMeasurement> latencies,
      List<StateMeasurement> states) {}

  /** One row; {@code ratioToStoreOnly} is null for rows that are not Vigil's. */
  public record Row(
      String profile,
      String label,
      String guarantee,
      int keys,
      long events,
      List<Double> eventsPerSecond,
      double median,
      double min,
      double max,
      Double ratioToStoreOnly) {}

  public static Document document(BenchResult result) {
    List<Row> rows =
        result.measurements().stream()
            .map(
                m ->
                    new Row(
                        m.profile().cliName(),
                        m.label(),
                        m.guarantee().map(g -> g.streamsValue()).orElse(null),
                        m.keys(),
                        m.events(),
                        m.eventsPerSecond(),
                        m.median(),
                        m.min(),
                        m.max(),
                        result.ratioToStoreOnly(m).stream().boxed().findFirst().orElse(null)))
            .toList();
    BuildInfo build = BuildInfo.current();
    return new Document(
        build.version(),
        build.commit(),
        result.started(),
        result.cluster(),
        result.partitions(),
        result.warmups(),
        result.repetitions(),
        result.averageEventBytes(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        rows,
        result.latencies(),
        result.states());
  }

  /**
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void writeJson(BenchResult result, Path file) {
    ObjectMapper mapper = Json.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      mapper.writeValue(file.toFile(), document(result));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static String grouped(double value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }
}
