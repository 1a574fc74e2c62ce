package io.vigil.processor.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigRecordTest {
  private static final String CONFIG =
      "{\"pattern\":\"host-*\",\"detector\":\"ewma\",\"threshold\":0.9999,\"warmup\":50,"
          + "\"suppression\":\"PT1H\",\"version\":3}";

  @TempDir Path dir;

  @Test
  void shouldReadOneConfigPerLineKeyedByItsPattern() throws Exception {
    Path file = dir.resolve("candidate.ndjson");
    Files.writeString(file, "# a comment\n\n" + CONFIG + "\n");

    var records = ConfigRecord.readFile(file);

    assertThat(records).singleElement().extracting(ConfigRecord::pattern).isEqualTo("host-*");
    assertThat(new String(records.get(0).value())).isEqualTo(CONFIG);
  }

  @Test
  void shouldRefuseAnInvalidConfigWithItsLineAndReason() throws Exception {
    Path file = dir.resolve("bad.ndjson");
    Files.writeString(file, CONFIG + "\n" + CONFIG.replace("0.9999", "2") + "\n");

    assertThatThrownBy(() -> ConfigRecord.readFile(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.ndjson line 2: /threshold");
  }

  @Test
  void shouldRefuseAFileWithoutConfigs() throws Exception {
    Path file = dir.resolve("empty.ndjson");
    Files.writeString(file, "\n# nothing\n");

    assertThatThrownBy(() -> ConfigRecord.readFile(file))
        .hasMessageContaining("no detector config in it");
  }
}
