-- Anomaly history, one row per anomaly id (deterministic, so re-deliveries hit the primary key).
-- "values" is a reserved word in SQL, hence observed_values.
CREATE TABLE anomalies (
    id               text             PRIMARY KEY,
    key              text             NOT NULL,
    event_time       timestamptz      NOT NULL,
    detected_at      timestamptz,
    score            double precision NOT NULL CHECK (score >= 0 AND score <= 1),
    severity         text             NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    detector         text             NOT NULL,
    model_version    integer          NOT NULL,
    observed_values  jsonb            NOT NULL DEFAULT '{}',
    expected         jsonb            NOT NULL DEFAULT '{}',
    attribution      jsonb            NOT NULL DEFAULT '{}',
    tags             jsonb            NOT NULL DEFAULT '{}',
    source_topic     text,
    source_partition integer,
    source_offset    bigint,
    inserted_at      timestamptz      NOT NULL DEFAULT now()
);

-- A series' history, newest first.
CREATE INDEX anomalies_key_event_time_idx ON anomalies (key, event_time DESC);

-- The latest anomalies of a severity, e.g. everything critical in the last hour.
CREATE INDEX anomalies_severity_event_time_idx ON anomalies (severity, event_time DESC);
