package io.vigil.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelFileTest {
  private static final AnomalyWindow SPIKE =
      new AnomalyWindow(
          "series-3",
          AnomalyKind.SPIKE,
          Instant.parse("2024-01-01T06:00:00Z"),
          Instant.parse("2024-01-01T06:00:00Z"),
          15);
  private static final AnomalyWindow SHIFT =
      new AnomalyWindow(
          "series-1",
          AnomalyKind.LEVEL_SHIFT,
          Instant.parse("2024-01-01T07:00:00Z"),
          Instant.parse("2024-01-01T07:29:00Z"),
          -15);

  @TempDir Path dir;

  @Test
  void shouldWriteOneJsonLabelPerLineThatReadsBack() throws IOException {
    Path path = dir.resolve("nested/labels.ndjson");

    try (LabelFile file = LabelFile.create(path)) {
      file.write(SPIKE);
      file.write(SHIFT);
    }

    assertThat(Files.readAllLines(path))
        .containsExactly(
            "{\"key\":\"series-3\",\"kind\":\"spike\",\"start\":\"2024-01-01T06:00:00Z\","
                + "\"end\":\"2024-01-01T06:00:00Z\",\"magnitude\":15.0}",
            "{\"key\":\"series-1\",\"kind\":\"level_shift\",\"start\":\"2024-01-01T07:00:00Z\","
                + "\"end\":\"2024-01-01T07:29:00Z\",\"magnitude\":-15.0}");
    assertThat(LabelFile.read(path)).containsExactly(SPIKE, SHIFT);
  }

  @Test
  void shouldMakeEachLabelVisibleAsSoonAsItIsWritten() {
    Path path = dir.resolve("labels.ndjson");

    try (LabelFile file = LabelFile.create(path)) {
      file.write(SPIKE);
      assertThat(LabelFile.read(path)).containsExactly(SPIKE);
    }
  }

  @Test
  void shouldReplaceAnExistingFile() throws IOException {
    Path path = dir.resolve("labels.ndjson");
    Files.writeString(path, "old content\n");

    try (LabelFile file = LabelFile.create(path)) {
      file.write(SHIFT);
    }

    assertThat(LabelFile.read(path)).isEqualTo(List.of(SHIFT));
  }
}
