package io.vigil.ingest.replay;

import java.util.Locale;

/** How a replay input is laid out. */
public enum ReplayFormat {
  /** A header line naming {@code timestamp}, {@code value} and optionally {@code key}. */
  CSV,
  /** One JSON event per line. */
  NDJSON;

  /** From the file name: {@code .csv} is CSV, anything else NDJSON. */
  public static ReplayFormat ofFileName(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".csv") ? CSV : NDJSON;
  }
}
