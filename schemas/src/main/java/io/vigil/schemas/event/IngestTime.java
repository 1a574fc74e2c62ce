package io.vigil.schemas.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * The record header the ingest connector puts on every event it accepts: when it accepted it, as
 * epoch milliseconds in ASCII decimal (readable with kcat). The stream processor measures its
 * end-to-end latency from it; events produced by other clients simply lack it.
 */
public final class IngestTime {
  public static final String HEADER = "vigil.ingested.at";

  private IngestTime() {}

  public static byte[] encode(Instant time) {
    return Long.toString(time.toEpochMilli()).getBytes(StandardCharsets.US_ASCII);
  }

  /** The time in a header value; empty when absent or not a decimal number. */
  public static Optional<Instant> decode(byte[] value) {
    if (value == null || value.length == 0 || value.length > 19) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          Instant.ofEpochMilli(Long.parseLong(new String(value, StandardCharsets.US_ASCII))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
