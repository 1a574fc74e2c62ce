package io.vigil.ingest.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.schemas.serde.Json;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The labels file: one {@link AnomalyWindow} per line as JSON (NDJSON), e.g. {@code
 * {"key":"series-3","kind":"spike","start":"2024-01-01T06:00:00Z","end":"2024-01-01T06:00:00Z",
 * "magnitude":15.0}}. Each label is flushed as it is written, so the file is complete up to the
 * last finished anomaly even if the generator dies.
 */
public final class LabelFile implements Closeable {
  private static final ObjectMapper MAPPER = Json.newMapper();

  private final Path path;
  private final BufferedWriter writer;

  private LabelFile(Path path, BufferedWriter writer) {
    this.path = path;
    this.writer = writer;
  }

  /** Creates (or truncates) the file, creating missing parent directories. */
  public static LabelFile create(Path path) {
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return new LabelFile(path, Files.newBufferedWriter(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create labels file " + path + ": " + e, e);
    }
  }

  public void write(AnomalyWindow label) {
    try {
      writer.write(MAPPER.writeValueAsString(label));
      writer.newLine();
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write labels file " + path + ": " + e, e);
    }
  }

  /** Reads every label of a labels file. */
  public static List<AnomalyWindow> read(Path path) {
    try (var lines = Files.lines(path, StandardCharsets.UTF_8)) {
      return lines.filter(line -> !line.isBlank()).map(LabelFile::parse).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read labels file " + path + ": " + e, e);
    }
  }

  private static AnomalyWindow parse(String line) {
    try {
      return MAPPER.readValue(line, AnomalyWindow.class);
    } catch (IOException e) {
      throw new UncheckedIOException("not a label: " + line, e);
    }
  }

  @Override
  public void close() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close labels file " + path + ": " + e, e);
    }
  }
}
