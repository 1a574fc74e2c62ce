package io.vigil.sink.query;

import io.vigil.schemas.anomaly.Severity;
import java.time.Instant;
import java.util.Optional;

/**
 * A history query: optional filters, a page size and where the page starts.
 *
 * @param key only this series
 * @param keyPrefix only the series whose key starts with this
 * @param from event time at or after (inclusive)
 * @param to event time before (exclusive)
 * @param minSeverity this severity or a higher one
 * @param limit most anomalies on the page
 * @param after the page starts after this anomaly; empty for the first page
 */
public record AnomalyQuery(
    Optional<String> key,
    Optional<String> keyPrefix,
    Optional<Instant> from,
    Optional<Instant> to,
    Optional<Severity> minSeverity,
    int limit,
    Optional<Cursor> after) {}
