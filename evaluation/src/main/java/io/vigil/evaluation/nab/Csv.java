package io.vigil.evaluation.nab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The plain comma-separated files of NAB: a header line, then rows without quoting. */
final class Csv {
  private Csv() {}

  /** The rows after the header, each split into its columns; the header must start as given. */
  static List<String[]> read(Path file, String... expectedHeader) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = reader.readLine();
      if (header == null) {
        throw new IllegalArgumentException(file + " is empty");
      }
      String[] columns = header.trim().split(",", -1);
      if (columns.length < expectedHeader.length
          || !Arrays.equals(Arrays.copyOf(columns, expectedHeader.length), expectedHeader)) {
        throw new IllegalArgumentException(
            file + ": header must start with " + String.join(",", expectedHeader));
      }
      List<String[]> rows = new ArrayList<>();
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          String[] cells = line.trim().split(",", -1);
          if (cells.length < expectedHeader.length) {
            throw new IllegalArgumentException(file + ": short row '" + line + "'");
          }
          rows.add(cells);
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static double number(String text, Path file) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + ": not a number '" + text + "'", e);
    }
  }
}
