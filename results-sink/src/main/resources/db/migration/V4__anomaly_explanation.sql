-- Why each anomaly is anomalous, in words and numbers (the anomaly's optional explanation). Null
-- for rows written before this column existed and for detectors that do not explain themselves.
ALTER TABLE anomalies ADD COLUMN explanation text;
