package io.vigil.evaluation.nab;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One NAB data file: values in time order.
 *
 * @param relativePath {@code <category>/<name>.csv}, the key of the label files
 * @param timestamps row timestamps
 * @param values row values, same length
 */
public record Series(String relativePath, List<LocalDateTime> timestamps, List<Double> values) {
  public Series {
    timestamps = List.copyOf(timestamps);
    values = List.copyOf(values);
    if (timestamps.size() != values.size()) {
      throw new IllegalArgumentException(relativePath + ": timestamps and values differ in length");
    }
  }

  public int size() {
    return timestamps.size();
  }

  static Series read(String relativePath, Path file) {
    List<LocalDateTime> timestamps = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (String[] row : Csv.read(file, "timestamp", "value")) {
      timestamps.add(NabTime.parse(row[0]));
      values.add(Csv.number(row[1], file));
    }
    return new Series(relativePath, timestamps, values);
  }
}
