package io.vigil.processor.score;

import io.vigil.schemas.anomaly.SourcePosition;
import io.vigil.schemas.event.Event;
import java.time.Instant;
import java.util.Objects;

/**
 * A parsed event on its way to the scorer, with the position it was first read from. The position
 * travels in the value because after the repartition the record context shows the repartition
 * topic, and anomalies and dead letters must point at the original input record.
 *
 * @param ingestedAt when the ingest API accepted the event ({@link
 *     io.vigil.schemas.event.IngestTime} header), or null for events produced otherwise
 */
public record ScoringInput(Event event, SourcePosition source, Instant ingestedAt) {
  public ScoringInput {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(source, "source");
  }
}
