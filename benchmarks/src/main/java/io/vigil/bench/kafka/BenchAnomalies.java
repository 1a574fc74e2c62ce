package io.vigil.bench.kafka;

import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.AnomalyId;
import io.vigil.schemas.anomaly.Expected;
import io.vigil.schemas.anomaly.Severity;
import io.vigil.schemas.anomaly.SourcePosition;
import io.vigil.schemas.serde.JsonSerde;
import java.time.Instant;
import java.util.Map;

/**
 * The anomalies the sink profiles drain: as the processor writes them (a deterministic id, one
 * feature with its band and attribution, tags, an explanation), about 600 bytes of JSON, keys
 * {@code bench-0} … in turn, one second apart per key, severities in turn.
 */
final class BenchAnomalies {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Severity[] SEVERITIES = Severity.values();

  private final int keys;
  private final JsonSerde<Anomaly> serde = JsonSerde.of(Anomaly.class);

  BenchAnomalies(int keys) {
    this.keys = keys;
  }

  String key(long index) {
    return "bench-" + (index % keys);
  }

  Anomaly anomaly(long index) {
    String key = key(index);
    Instant time = START.plusSeconds(index / keys);
    return new Anomaly(
        AnomalyId.of(key, time, key + "-" + index, "adaptive"),
        key,
        time,
        time.plusMillis(40),
        0.999_99,
        SEVERITIES[(int) (index % SEVERITIES.length)],
        "adaptive/range",
        1,
        Map.of("value", 97.5),
        Map.of("value", new Expected(50.0, 40.0, 60.0)),
        Map.of("value", 1.0),
        new SourcePosition("events", (int) (index % 4), index),
        Map.of("host", "host-" + index % 64, "region", "eu-west-1"),
        "new high: 97.5 is above the highest value seen so far (60.0) by 46.9% of the range seen");
  }

  byte[] json(long index) {
    return serde.toBytes(anomaly(index));
  }
}
