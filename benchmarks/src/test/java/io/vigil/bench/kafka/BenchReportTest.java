package io.vigil.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.processor.config.ProcessingGuarantee;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
  private static final Optional<ProcessingGuarantee> EOS =
      Optional.of(ProcessingGuarantee.EXACTLY_ONCE_V2);
  private static final Optional<ProcessingGuarantee> ALOS =
      Optional.of(ProcessingGuarantee.AT_LEAST_ONCE);

  private final BenchResult result =
      new BenchResult(
          Instant.parse("2026-12-04T20:00:00Z"),
          "embedded",
          4,
          1,
          3,
          201.5,
          List.of(
              row(Profile.PRODUCER, Optional.empty(), 10_000, 300_000),
              row(Profile.STORE_ONLY, EOS, 10_000, 100_000),
              row(Profile.STORE_ONLY, ALOS, 10_000, 200_000),
              row(Profile.VIGIL_EWMA, EOS, 10_000, 25_000),
              row(Profile.VIGIL_EWMA, ALOS, 10_000, 100_000),
              row(Profile.VIGIL_EWMA, EOS, 100_000, 20_000),
              new Measurement(
                  Profile.VIGIL_EWMA,
                  EOS,
                  10_000,
                  300_000,
                  List.of(30_000.0),
                  Variant.parse("VIGIL_PROCESSOR_COMMIT_INTERVAL=5s"))),
          List.of(
              LatencyMeasurement.of(
                  Profile.VIGIL_EWMA,
                  ProcessingGuarantee.EXACTLY_ONCE_V2,
                  10_000,
                  0.5,
                  12_500,
                  12_480,
                  latencies(1_000))),
          List.of(
              new StateMeasurement(
                  Profile.VIGIL_EWMA,
                  ProcessingGuarantee.EXACTLY_ONCE_V2,
                  10_000,
                  1_234.4,
                  321.6,
                  2.46,
                  10_000)));

  /** 1 … n milliseconds, shuffled. */
  private static long[] latencies(int n) {
    List<Long> values = new java.util.ArrayList<>();
    for (long v = 1; v <= n; v++) {
      values.add(v);
    }
    java.util.Collections.shuffle(values, new java.util.Random(1));
    return values.stream().mapToLong(Long::longValue).toArray();
  }

  @Test
  void shouldPrintTheStateSizesAndRestoreTimePerRow() {
    List<String> lines = BenchReport.stateTable(result).lines().toList();

    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).contains("state dir B/key", "changelog B/key", "restore s");
    assertThat(lines.get(2)).contains("vigil ewma", "EOS", "1,234", "322", "2.5", "10,000");
  }

  @Test
  void shouldReportNearestRankLatencyPercentilesPerLoad() {
    LatencyMeasurement row = result.latencies().get(0);

    assertThat(row.samples()).isEqualTo(1_000);
    assertThat(row.p50Millis()).isEqualTo(500);
    assertThat(row.p99Millis()).isEqualTo(990);
    assertThat(row.p999Millis()).isEqualTo(999);
    assertThat(row.maxMillis()).isEqualTo(1_000);
    List<String> lines = BenchReport.latencyTable(result).lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).contains("load", "p50 ms", "p99 ms", "p999 ms");
    assertThat(lines.get(2)).contains("vigil ewma", "EOS", "50 %", "12,480", "990", "999");
  }

  @Test
  void shouldRelateEveryVigilFigureToTheStoreOnlyAnchorOfTheSameGuaranteeAndKeys() {
    List<Measurement> rows = result.measurements();

    assertThat(result.ratioToStoreOnly(rows.get(3))).hasValue(0.25);
    assertThat(result.ratioToStoreOnly(rows.get(4))).hasValue(0.5);
    // No store-only row at 100k keys in this run, and anchors have no ratio of their own.
    assertThat(result.ratioToStoreOnly(rows.get(5))).isEmpty();
    assertThat(result.ratioToStoreOnly(rows.get(1))).isEmpty();
  }

  @Test
  void shouldPrintOneRowPerMeasurementWithMedianRangeAndRatio() {
    List<String> lines = BenchReport.table(result).lines().toList();

    assertThat(lines).hasSize(9);
    assertThat(lines.get(0))
        .contains("profile", "guarantee", "keys", "events/s (median)", "min – max", "× store-only");
    assertThat(lines.get(2)).contains("raw producer", "| –  ", "300,000", "299,000 – 301,000");
    assertThat(lines.get(5)).contains("vigil ewma", "EOS", "25,000", "0.25 |");
    assertThat(lines.get(6)).contains("vigil ewma", "ALOS", "100,000", "0.50 |");
    assertThat(lines.get(7)).contains("100,000", "20,000").endsWith("– |");
    assertThat(lines.get(8))
        .contains("vigil ewma [VIGIL_PROCESSOR_COMMIT_INTERVAL=5s]", "30,000", "0.30 |");
  }

  @Test
  void shouldWriteTheFiguresAsJson(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("out/bench.json");

    BenchReport.writeJson(result, file);

    JsonNode json = new ObjectMapper().readTree(Files.readString(file));
    assertThat(json.get("cluster").asText()).isEqualTo("embedded");
    assertThat(json.get("commit").asText()).isNotBlank();
    assertThat(json.get("started").asText()).isEqualTo("2026-12-04T20:00:00Z");
    assertThat(json.get("rows")).hasSize(7);
    assertThat(json.get("rows").get(6).get("label").asText())
        .isEqualTo("vigil ewma [VIGIL_PROCESSOR_COMMIT_INTERVAL=5s]");
    assertThat(json.get("latencies").get(0).get("p99Millis").asDouble()).isEqualTo(990);
    assertThat(json.get("states").get(0).get("restoreSeconds").asDouble()).isEqualTo(2.46);
    JsonNode vigil = json.get("rows").get(3);
    assertThat(vigil.get("profile").asText()).isEqualTo("vigil-ewma");
    assertThat(vigil.get("guarantee").asText()).isEqualTo("exactly_once_v2");
    assertThat(vigil.get("median").asDouble()).isEqualTo(25_000);
    assertThat(vigil.get("eventsPerSecond")).hasSize(3);
    assertThat(vigil.get("ratioToStoreOnly").asDouble()).isEqualTo(0.25);
    assertThat(json.get("rows").get(0).get("ratioToStoreOnly").isNull()).isTrue();
  }

  @Test
  void shouldDrawTheMediansIntoAPng(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bench.png");

    BenchPlot.write(result, file);

    byte[] png = Files.readAllBytes(file);
    assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    // raw producer, store-only, vigil ewma and vigil ewma with the variant
    assertThat(BenchPlot.chart(result).getCategoryPlot().getDataset().getColumnCount())
        .isEqualTo(4);
    assertThat(BenchPlot.chart(result).getCategoryPlot().getDataset().getRowCount()).isEqualTo(4);
  }

  private static Measurement row(
      Profile profile, Optional<ProcessingGuarantee> guarantee, int keys, double median) {
    return new Measurement(
        profile, guarantee, keys, 1_000, List.of(median - 1_000, median, median + 1_000));
  }
}
