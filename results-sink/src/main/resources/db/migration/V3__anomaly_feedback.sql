-- Labels on anomalies from the feedback topic: the latest label of each anomaly (by the time it
-- was given) wins, so replays and out-of-order deliveries end in the same row.
CREATE TABLE anomaly_feedback (
    anomaly_id   text        PRIMARY KEY,
    key          text        NOT NULL,
    label        text        NOT NULL CHECK (label IN ('confirmed', 'false_positive')),
    labelled_by  text        NOT NULL,
    labelled_at  timestamptz NOT NULL,
    comment      text,
    received_at  timestamptz NOT NULL DEFAULT now()
);

-- Precision over a recent window: labels given since a time.
CREATE INDEX anomaly_feedback_labelled_at_idx ON anomaly_feedback (labelled_at);
