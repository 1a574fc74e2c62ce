package io.vigil.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors of {@code vigil backtest}, found before anything connects to Kafka. */
class BacktestCommandTest {
  @Test
  void shouldRefuseARangeBoundItCannotRead() {
    CliRun cli = new CliRun();

    int exit = cli.execute("backtest", "--bootstrap-servers", "unused:9092", "--from", "yesterday");

    assertThat(exit).isEqualTo(2);
    assertThat(cli.err()).contains("vigil backtest: 'yesterday' is not a time (ISO-8601");
  }

  @Test
  void shouldRefuseAnInvalidCandidateConfigNamingItsLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("candidate.ndjson");
    Files.writeString(file, "{\"pattern\":\"a-*\"}\n");
    CliRun cli = new CliRun();

    int exit =
        cli.execute("backtest", "--bootstrap-servers", "unused:9092", "--config", file.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(cli.err()).contains("candidate.ndjson line 1: ");
  }
}
