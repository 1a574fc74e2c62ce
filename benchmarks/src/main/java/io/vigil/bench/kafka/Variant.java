package io.vigil.bench.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings a sweep changes for the Vigil rows, such as {@code VIGIL_PROCESSOR_COMMIT_INTERVAL=5s}
 * or {@code KAFKA_PRODUCER_LINGER_MS=20;KAFKA_PRODUCER_COMPRESSION_TYPE=lz4}: environment variables
 * that override the run's for those rows only.
 *
 * @param label how the rows are told apart, the text given
 */
public record Variant(String label, Map<String, String> environment) {
  /** The run's own settings. */
  public static final Variant DEFAULTS = new Variant("", Map.of());

  public Variant {
    environment = Map.copyOf(environment);
  }

  /**
   * @throws IllegalArgumentException naming what is wrong with {@code text}
   */
  public static Variant parse(String text) {
    Map<String, String> environment = new LinkedHashMap<>();
    for (String assignment : text.split(";")) {
      int equals = assignment.indexOf('=');
      String name = equals < 0 ? assignment : assignment.substring(0, equals).trim();
      if (equals < 1 || !(name.startsWith("VIGIL_") || name.startsWith("KAFKA_"))) {
        throw new IllegalArgumentException(
            "--variant takes VIGIL_*=value or KAFKA_*=value settings separated by ';', was "
                + text);
      }
      environment.put(name, assignment.substring(equals + 1).trim());
    }
    return new Variant(text.trim(), environment);
  }

  public boolean isDefaults() {
    return environment.isEmpty();
  }
}
