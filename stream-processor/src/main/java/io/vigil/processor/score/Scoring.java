package io.vigil.processor.score;

import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.score.Score;

/**
 * What the scorer emits: anomalies, every event's score when the scores topic is on, and events a
 * rule rejects (to the dead-letter topic).
 */
public sealed interface Scoring {
  record Alert(Anomaly anomaly) implements Scoring {}

  /** The event re-encoded as JSON; the reason travels in the record's dead-letter headers. */
  record Rejected(byte[] original) implements Scoring {}

  /** An event's score, for the scores topic. */
  record EventScore(Score score) implements Scoring {}
}
