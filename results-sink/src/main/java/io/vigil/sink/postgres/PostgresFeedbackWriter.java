package io.vigil.sink.postgres;

import io.vigil.schemas.feedback.Feedback;
import io.vigil.sink.consume.BatchWriter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;

/**
 * Upserts feedback labels, one row per anomaly: a label replaces the stored one only if it was
 * given at the same time or later, so a batch may be written any number of times and in any order.
 */
final class PostgresFeedbackWriter implements BatchWriter<Feedback> {
  static final String UPSERT =
      """
      INSERT INTO anomaly_feedback (anomaly_id, key, label, labelled_by, labelled_at, comment)
      VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (anomaly_id) DO UPDATE SET
          key = excluded.key, label = excluded.label, labelled_by = excluded.labelled_by,
          labelled_at = excluded.labelled_at, comment = excluded.comment, received_at = now()
      WHERE excluded.labelled_at >= anomaly_feedback.labelled_at
      """;

  private final DataSource dataSource;
  private final Runnable migrate;
  private final int timeoutSeconds;

  PostgresFeedbackWriter(DataSource dataSource, Runnable migrate, Duration statementTimeout) {
    this.dataSource = dataSource;
    this.migrate = migrate;
    this.timeoutSeconds = (int) Math.max(1, statementTimeout.toSeconds());
  }

  @Override
  public void write(List<Feedback> labels) {
    migrate.run();
    // One row per anomaly and statement: the latest label of a batch, in id order (no deadlocks).
    List<Feedback> latest =
        labels.stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    Feedback::anomalyId,
                    f -> f,
                    (a, b) -> b.at().isBefore(a.at()) ? a : b,
                    java.util.TreeMap::new))
            .values()
            .stream()
            .sorted(Comparator.comparing(Feedback::anomalyId))
            .toList();
    JdbcBatch.write(dataSource, UPSERT, timeoutSeconds, latest, this::bind, "feedback labels");
  }

  private void bind(PreparedStatement upsert, Feedback feedback) throws SQLException {
    upsert.setString(1, PostgresAnomalyWriter.text(feedback.anomalyId()));
    upsert.setString(2, PostgresAnomalyWriter.text(feedback.key()));
    upsert.setString(3, feedback.label().wireName());
    upsert.setString(4, PostgresAnomalyWriter.text(feedback.by()));
    upsert.setObject(5, feedback.at().atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
    upsert.setString(6, PostgresAnomalyWriter.text(feedback.comment()));
  }
}
