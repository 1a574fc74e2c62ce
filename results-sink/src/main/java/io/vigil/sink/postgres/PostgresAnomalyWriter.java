package io.vigil.sink.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.serde.Json;
import io.vigil.sink.consume.BatchWriter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Inserts a batch of anomalies in one transaction with one JDBC batch. {@code ON CONFLICT (id) DO
 * NOTHING} makes re-delivered anomalies no-ops, so a batch may be written any number of times.
 */
final class PostgresAnomalyWriter implements BatchWriter<Anomaly> {
  static final String INSERT =
      """
      INSERT INTO anomalies (id, key, event_time, detected_at, score, severity, detector,
          model_version, observed_values, expected, attribution, tags,
          source_topic, source_partition, source_offset, explanation)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?)
      ON CONFLICT (id) DO NOTHING
      """;

  private final DataSource dataSource;
  private final Runnable migrate;
  private final int timeoutSeconds;
  private final ObjectMapper mapper = Json.newMapper();

  PostgresAnomalyWriter(DataSource dataSource, Runnable migrate, Duration statementTimeout) {
    this.dataSource = dataSource;
    this.migrate = migrate;
    this.timeoutSeconds = (int) Math.max(1, statementTimeout.toSeconds());
  }

  @Override
  public void write(List<Anomaly> anomalies) {
    migrate.run();
    // The same order in every instance: concurrent inserts of overlapping ids cannot deadlock.
    List<Anomaly> sorted = anomalies.stream().sorted(Comparator.comparing(Anomaly::id)).toList();
    JdbcBatch.write(dataSource, INSERT, timeoutSeconds, sorted, this::bind, "anomalies");
  }

  private void bind(PreparedStatement insert, Anomaly anomaly) throws SQLException {
    insert.setString(1, text(anomaly.id()));
    insert.setString(2, text(anomaly.key()));
    insert.setObject(3, time(anomaly.timestamp()), Types.TIMESTAMP_WITH_TIMEZONE);
    insert.setObject(4, time(anomaly.detectedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
    insert.setDouble(5, anomaly.score());
    insert.setString(6, anomaly.severity().wireName());
    insert.setString(7, text(anomaly.detector()));
    insert.setInt(8, anomaly.modelVersion());
    insert.setString(9, json(anomaly.values()));
    insert.setString(10, json(anomaly.expected()));
    insert.setString(11, json(anomaly.attribution()));
    insert.setString(12, json(textValues(anomaly.tags())));
    if (anomaly.source() == null) {
      insert.setNull(13, Types.VARCHAR);
      insert.setNull(14, Types.INTEGER);
      insert.setNull(15, Types.BIGINT);
    } else {
      insert.setString(13, text(anomaly.source().topic()));
      insert.setInt(14, anomaly.source().partition());
      insert.setLong(15, anomaly.source().offset());
    }
    insert.setString(16, text(anomaly.explanation()));
  }

  private static OffsetDateTime time(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /**
   * PostgreSQL text and jsonb cannot hold NUL characters; the insert of a whole batch would fail
   * again on every retry. Upstream validation lets them through, so they become U+FFFD here.
   */
  static String text(String value) {
    return value == null ? null : value.replace('\u0000', '\uFFFD');
  }

  private static Map<String, String> textValues(Map<String, String> map) {
    Map<String, String> clean = new LinkedHashMap<>();
    map.forEach((k, v) -> clean.put(k, text(v)));
    return clean;
  }

  private String json(Map<String, ?> map) {
    Map<String, Object> clean = new LinkedHashMap<>();
    map.forEach((k, v) -> clean.put(text(k), v));
    try {
      return mapper.writeValueAsString(clean);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + map + " as JSON", e);
    }
  }
}
