-- Run by Flyway after every migrate, as the migration (owner) role, when
-- vigil.sink.jdbc.migration.user is set: the sink's own role gets exactly the data privileges the
-- sink uses and nothing else (no DDL, no TRUNCATE, no other tables). ${sink_user} is the quoted
-- vigil.sink.jdbc.user. Idempotent; a later migration that adds a table adds its grant here.
GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO ${sink_user};
-- Writes (INSERT ... ON CONFLICT DO NOTHING), the query API and precision (SELECT), retention
-- (DELETE of old rows).
GRANT SELECT, INSERT, DELETE ON anomalies TO ${sink_user};
-- Labels: the latest label of an anomaly wins (INSERT ... ON CONFLICT DO UPDATE).
GRANT SELECT, INSERT, UPDATE ON anomaly_feedback TO ${sink_user};
