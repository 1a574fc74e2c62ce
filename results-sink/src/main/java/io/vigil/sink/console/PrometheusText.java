package io.vigil.sink.console;

/** Reads a counter out of the Prometheus text format. */
final class PrometheusText {
  private PrometheusText() {}

  /** The sum of every series of {@code name} (any labels); 0 when there is none. */
  static double sum(String exposition, String name) {
    double total = 0;
    for (String line : exposition.split("\n")) {
      if (!line.startsWith(name)) {
        continue;
      }
      char next = line.length() > name.length() ? line.charAt(name.length()) : ' ';
      if (next != '{' && next != ' ') {
        continue; // another metric whose name starts the same
      }
      int end = line.lastIndexOf('}');
      String rest = line.substring(end < 0 ? name.length() : end + 1).trim();
      String value = rest.split(" ")[0];
      try {
        total += Double.parseDouble(value);
      } catch (NumberFormatException e) {
        // not a sample line
      }
    }
    return total;
  }
}
