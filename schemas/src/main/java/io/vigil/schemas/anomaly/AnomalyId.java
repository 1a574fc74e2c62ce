package io.vigil.schemas.anomaly;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Deterministic anomaly ids: a name-based UUID over the series key, the event's time and id, and
 * the detector. Re-processing the same event (a restart, a replay) yields the same id, which is
 * what makes the sink's writes idempotent.
 */
public final class AnomalyId {
  private AnomalyId() {}

  public static String of(String key, Instant timestamp, String eventId, String detector) {
    String name =
        String.join(
            "\u0000",
            key,
            Long.toString(timestamp.toEpochMilli()),
            Integer.toString(timestamp.getNano()),
            eventId == null ? "" : eventId,
            detector);
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
