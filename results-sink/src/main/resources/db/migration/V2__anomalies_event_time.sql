-- The newest anomalies over all series, in the query API's order (event time, then id, both
-- descending, so keyset pagination is an index range scan), and the retention purge's range scan
-- over the oldest rows.
CREATE INDEX anomalies_event_time_id_idx ON anomalies (event_time DESC, id DESC);
