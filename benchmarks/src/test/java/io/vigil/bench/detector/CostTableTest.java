package io.vigil.bench.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.bench.detector.CostTable.Figure;
import io.vigil.bench.detector.CostTable.Row;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CostTableTest {

  @Test
  void shouldRenderOneAlignedMarkdownRowPerSetupAndFeatureCount() {
    String table =
        CostTable.render(
            List.of(
                new Row(
                    "ewma",
                    1,
                    Optional.of(new Figure(2093.4, 12.2)),
                    Optional.of(1404.0),
                    Optional.of(75),
                    Optional.of(new Figure(2375.9, Double.NaN))),
                new Row(
                    "rcf",
                    4,
                    Optional.of(new Figure(149440, 5100)),
                    Optional.of(43270.6),
                    Optional.of(151988),
                    Optional.of(new Figure(58907756, 1200000)))));

    List<String> lines = table.lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0))
        .startsWith("| setup | features | score+update ns/event | alloc B/event |")
        .contains("state B after 10,000 events", "serialise+deserialise ns");
    assertThat(lines.get(1)).matches("\\|( -+ \\|)+");
    assertThat(lines.get(2))
        .contains("| ewma  |", "2,093 ± 12", "1,404", " 75 |", "2,376 |")
        .doesNotContain("NaN");
    assertThat(lines.get(3))
        .contains("| rcf   |", "149,440 ± 5,100", "151,988", "58,907,756 ± 1,200,000");
    assertThat(lines).extracting(String::length).containsOnly(lines.get(0).length());
  }

  @Test
  void shouldShowADashForWhatTheRunDidNotMeasure() {
    String table =
        CostTable.render(
            List.of(
                new Row(
                    "range",
                    1,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(120),
                    Optional.of(new Figure(900, 10)))));

    assertThat(table.lines().toList().get(2))
        .contains("| range |")
        .containsOnlyOnce("120")
        .contains("–");
    assertThat(table.lines().toList().get(2).chars().filter(c -> c == '–').count()).isEqualTo(2);
  }
}
