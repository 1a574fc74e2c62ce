package io.vigil.ingest.replay;

import java.time.Duration;

/**
 * The outcome of a replay.
 *
 * @param lines lines read (headers and blank lines included)
 * @param events events acknowledged by the broker on the events topic
 * @param deadLettered bad lines acknowledged on the dead-letter topic
 * @param failed records (events or dead letters) the broker did not take
 * @param elapsed wall-clock time
 */
public record ReplaySummary(
    long lines, long events, long deadLettered, long failed, Duration elapsed) {
  /** Events per second over the whole run. */
  public double eventsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds > 0 ? events / seconds : 0;
  }
}
