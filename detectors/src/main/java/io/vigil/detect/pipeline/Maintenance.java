package io.vigil.detect.pipeline;

import java.time.Instant;
import java.util.Objects;

/**
 * Maintenance windows of a key (planned work: deploys, reboots) and what they do to its anomalies.
 * Judged on event time, so a replay sees the same windows.
 *
 * @param calendar whether an event time lies in a window
 * @param suppress true: anomalies in a window are not emitted (counted, reason {@link
 *     SuppressionReason#MAINTENANCE}); false: they are emitted, marked {@link
 *     Decision#maintenance()}
 * @param freeze true: the model does not learn events in a window
 */
public record Maintenance(Calendar calendar, boolean suppress, boolean freeze) {
  /** No windows. */
  public static final Maintenance NONE = new Maintenance(time -> false, false, false);

  /** When the windows are. Implementations are shared by threads. */
  @FunctionalInterface
  public interface Calendar {
    boolean covers(Instant time);
  }

  public Maintenance {
    Objects.requireNonNull(calendar, "calendar");
  }

  public boolean covers(Instant time) {
    return this != NONE && calendar.covers(time);
  }
}
