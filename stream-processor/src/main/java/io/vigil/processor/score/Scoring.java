package io.vigil.processor.score;

import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.score.Score;

/** What the scorer emits: anomalies, and every event's score when the scores topic is on. */
public sealed interface Scoring {
  record Alert(Anomaly anomaly) implements Scoring {}

  record Scored(Score score) implements Scoring {}
}
