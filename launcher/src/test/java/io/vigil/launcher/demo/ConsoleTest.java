package io.vigil.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.Expected;
import io.vigil.schemas.anomaly.Severity;
import io.vigil.schemas.anomaly.SourcePosition;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Test
  void shouldDescribeAnAnomalyWithValueExpectationAndScore() {
    Anomaly anomaly =
        new Anomaly(
            "id-1",
            "series-3",
            Instant.parse("2026-11-23T10:15:00Z"),
            Instant.parse("2026-11-23T10:15:01Z"),
            0.99995,
            Severity.HIGH,
            "ewma",
            1,
            Map.of("value", 140.5),
            Map.of("value", new Expected(100.25, 97.0, 103.5)),
            Map.of("value", 1.0),
            new SourcePosition("events", 1, 42),
            Map.of(),
            null);

    assertThat(Console.describe(anomaly))
        .isEqualTo(
            "ANOMALY HIGH     series-3       at 2026-11-23 10:15  value=140.50"
                + " expected 100.25 [97.00, 103.50]  score 0.99995 (ewma)");
  }

  @Test
  void shouldSayWhyAnAnomalyIsOneOnAnIndentedLineWhenItExplainsItself() {
    Anomaly anomaly =
        new Anomaly(
            "id-2",
            "series-3",
            Instant.parse("2026-11-23T10:15:00Z"),
            Instant.parse("2026-11-23T10:15:01Z"),
            0.999995,
            Severity.CRITICAL,
            "adaptive/range",
            1,
            Map.of("value", 123.4),
            Map.of("value", new Expected(60.0, 20.0, 100.0)),
            Map.of("value", 1.0),
            null,
            Map.of(),
            "new high: 123.4 is above the highest value seen so far (100.0)");

    assertThat(Console.describe(anomaly))
        .isEqualTo(
            "ANOMALY CRITICAL series-3       at 2026-11-23 10:15  value=123.40"
                + " expected 60.00 [20.00, 100.00]  score 0.999995 (adaptive/range)\n"
                + "    why: new high: 123.4 is above the highest value seen so far (100.0)");
  }

  @Test
  void shouldShowScoresCloseToOneWithEnoughDecimalsToTellThemApart() {
    assertThat(Console.score(0.9999999)).isEqualTo("0.9999999");
    assertThat(Console.score(0.99999999949)).isEqualTo("0.999999999");
    assertThat(Console.score(1.0)).isEqualTo("1");
  }

  @Test
  void shouldPrintOnlyEveryFifthStatusWithoutATerminal() {
    Console console = new Console(out, false);
    for (int i = 0; i < 6; i++) {
      console.status("status " + i);
    }

    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("status 0\nstatus 5\n");
  }

  @Test
  void shouldRewriteTheStatusInPlaceAndKeepItBelowScrollingLinesOnATerminal() {
    Console console = new Console(out, true);
    console.status("s1");
    console.line("an anomaly");
    console.endStatus();

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("\r\033[2Ks1" + "\r\033[2K" + "an anomaly\n" + "s1" + "\n");
  }
}
