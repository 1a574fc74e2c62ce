package io.vigil.sink.postgres;

import io.vigil.sink.feedback.DetectorPrecision;
import io.vigil.sink.feedback.LabelCounts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/** Counts feedback labels per detector of the labelled anomaly, from PostgreSQL. */
final class PostgresPrecision implements DetectorPrecision.Source {
  static final String COUNTS =
      """
      SELECT a.detector,
             count(*) FILTER (WHERE f.label = 'confirmed') AS confirmed,
             count(*) FILTER (WHERE f.label = 'false_positive') AS false_positives
      FROM anomaly_feedback f JOIN anomalies a ON a.id = f.anomaly_id
      WHERE f.labelled_at >= ?
      GROUP BY a.detector
      """;

  private final DataSource dataSource;
  private final Runnable migrate;

  PostgresPrecision(DataSource dataSource, Runnable migrate) {
    this.dataSource = dataSource;
    this.migrate = migrate;
  }

  @Override
  public Map<String, LabelCounts> countsSince(Instant since) {
    migrate.run();
    Map<String, LabelCounts> counts = new TreeMap<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(COUNTS)) {
      query.setObject(1, since.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          counts.put(
              rows.getString("detector"),
              new LabelCounts(rows.getLong("confirmed"), rows.getLong("false_positives")));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count feedback labels: " + e.getMessage(), e);
    }
    return counts;
  }
}
