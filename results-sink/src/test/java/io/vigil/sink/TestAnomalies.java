package io.vigil.sink;

import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.AnomalyId;
import io.vigil.schemas.anomaly.Expected;
import io.vigil.schemas.anomaly.Severity;
import io.vigil.schemas.anomaly.SourcePosition;
import io.vigil.schemas.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** Anomalies for tests: realistic, with deterministic ids like the processor's. */
public final class TestAnomalies {
  public static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private static final JsonSerde<Anomaly> SERDE = JsonSerde.of(Anomaly.class);

  private TestAnomalies() {}

  /** An anomaly of {@code key} at {@code T0 + second} s, its id derived like the processor's. */
  public static Anomaly anomaly(String key, int second) {
    return anomaly(key, T0.plusSeconds(second));
  }

  public static Anomaly anomaly(String key, Instant time) {
    return anomaly(key, time, Severity.HIGH);
  }

  public static Anomaly anomaly(String key, Instant time, Severity severity) {
    return new Anomaly(
        AnomalyId.of(key, time, null, "ewma"),
        key,
        time,
        time.plusMillis(40),
        0.97,
        severity,
        "ewma",
        1,
        Map.of("value", 97.5),
        Map.of("value", new Expected(50.0, 40.0, 60.0)),
        Map.of("value", 1.0),
        new SourcePosition("events", 0, 42),
        Map.of("host", "host-1"),
        "value 97.50 is outside the expected band [40.00, 60.00] around 50.00");
  }

  /** {@code anomaly} as a detector that does not explain itself would have written it. */
  public static Anomaly unexplained(Anomaly a) {
    return with(a, a.id(), null);
  }

  /** {@code a} with another id and explanation. */
  public static Anomaly with(Anomaly a, String id, String explanation) {
    return new Anomaly(
        id,
        a.key(),
        a.timestamp(),
        a.detectedAt(),
        a.score(),
        a.severity(),
        a.detector(),
        a.modelVersion(),
        a.values(),
        a.expected(),
        a.attribution(),
        a.source(),
        a.tags(),
        explanation);
  }

  public static byte[] bytes(Anomaly anomaly) {
    return SERDE.toBytes(anomaly);
  }

  public static Anomaly read(String json) {
    return SERDE.fromBytes(json.getBytes(StandardCharsets.UTF_8));
  }
}
