package io.vigil.sink.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.Expected;
import io.vigil.schemas.anomaly.Severity;
import io.vigil.schemas.anomaly.SourcePosition;
import io.vigil.schemas.serde.Json;
import io.vigil.sink.query.AnomalyHistory;
import io.vigil.sink.query.AnomalyQuery;
import io.vigil.sink.query.Cursor;
import io.vigil.sink.query.Page;
import io.vigil.sink.query.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Pages through the anomalies table newest first: {@code ORDER BY event_time DESC, id DESC}, the
 * next page starting strictly after the last row of this one ({@code (event_time, id) < (cursor)}),
 * so concurrent inserts never shift a page (no gaps, no duplicates) and deep pages cost the same as
 * the first (indexes {@code (event_time DESC, id DESC)} and {@code (key, event_time DESC)}).
 */
final class PostgresHistory implements AnomalyHistory {
  private static final String COLUMNS =
      "id, key, event_time, detected_at, score, severity, detector, model_version,"
          + " observed_values, expected, attribution, tags, source_topic, source_partition,"
          + " source_offset, explanation";
  private static final TypeReference<Map<String, Double>> NUMBERS = new TypeReference<>() {};
  private static final TypeReference<Map<String, Expected>> BANDS = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> TEXTS = new TypeReference<>() {};

  private final DataSource dataSource;
  private final Runnable migrate;
  private final int timeoutSeconds;
  private final ObjectMapper mapper = Json.newMapper();

  PostgresHistory(DataSource dataSource, Runnable migrate, Duration statementTimeout) {
    this.dataSource = dataSource;
    this.migrate = migrate;
    this.timeoutSeconds = (int) Math.max(1, statementTimeout.toSeconds());
  }

  @Override
  public Page find(AnomalyQuery query) {
    List<Object> parameters = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM anomalies");
    List<String> conditions = new ArrayList<>();
    query.key().ifPresent(key -> condition(conditions, parameters, "key = ?", text(key)));
    query
        .keyPrefix()
        .ifPresent(
            prefix ->
                condition(conditions, parameters, "key LIKE ? ESCAPE '\\'", like(text(prefix))));
    query
        .from()
        .ifPresent(from -> condition(conditions, parameters, "event_time >= ?", time(from)));
    query.to().ifPresent(to -> condition(conditions, parameters, "event_time < ?", time(to)));
    query
        .minSeverity()
        .ifPresent(min -> condition(conditions, parameters, "severity = ANY (?)", atLeast(min)));
    query
        .after()
        .ifPresent(
            cursor -> {
              conditions.add("(event_time, id) < (?, ?)");
              parameters.add(time(cursor.timestamp()));
              parameters.add(cursor.id());
            });
    if (!conditions.isEmpty()) {
      sql.append(" WHERE ").append(String.join(" AND ", conditions));
    }
    // One row more than asked for tells whether there is a next page.
    sql.append(" ORDER BY event_time DESC, id DESC LIMIT ").append(query.limit() + 1);
    try {
      migrate.run();
      return page(sql.toString(), parameters, query.limit());
    } catch (SQLException | RuntimeException e) {
      throw new StoreUnavailableException("PostgreSQL query failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Anomaly> byId(String id) {
    String sql = "SELECT " + COLUMNS + " FROM anomalies WHERE id = ?";
    try {
      migrate.run();
      return page(sql, List.of(text(id)), 1).anomalies().stream().findFirst();
    } catch (SQLException | RuntimeException e) {
      throw new StoreUnavailableException("PostgreSQL query failed: " + e.getMessage(), e);
    }
  }

  @Override
  public List<KeyCount> topKeys(Instant since, int limit) {
    // The severities' order, highest last, as the array position (severity is stored as text).
    String sql =
        "SELECT key, count(*) AS n, max(array_position(?::text[], severity)) AS highest"
            + " FROM anomalies WHERE event_time >= ? GROUP BY key ORDER BY n DESC, key LIMIT ?";
    String[] order = atLeast(Severity.values()[0]);
    try {
      migrate.run();
      try (Connection connection = dataSource.getConnection();
          PreparedStatement select = connection.prepareStatement(sql)) {
        select.setQueryTimeout(timeoutSeconds);
        select.setArray(1, connection.createArrayOf("text", order));
        select.setObject(2, time(since), Types.TIMESTAMP_WITH_TIMEZONE);
        select.setInt(3, limit);
        List<KeyCount> top = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            top.add(
                new KeyCount(
                    rs.getString("key"),
                    rs.getLong("n"),
                    Severity.values()[Math.max(0, rs.getInt("highest") - 1)]));
          }
        }
        return top;
      }
    } catch (SQLException | RuntimeException e) {
      throw new StoreUnavailableException("PostgreSQL query failed: " + e.getMessage(), e);
    }
  }

  private static void condition(
      List<String> conditions, List<Object> parameters, String condition, Object parameter) {
    conditions.add(condition);
    parameters.add(parameter);
  }

  private Page page(String sql, List<Object> parameters, int limit) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setQueryTimeout(timeoutSeconds);
      for (int i = 0; i < parameters.size(); i++) {
        Object parameter = parameters.get(i);
        if (parameter instanceof String[] texts) {
          select.setArray(i + 1, connection.createArrayOf("text", texts));
        } else if (parameter instanceof OffsetDateTime time) {
          select.setObject(i + 1, time, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
          select.setObject(i + 1, parameter);
        }
      }
      List<Anomaly> anomalies = new ArrayList<>(limit + 1);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          anomalies.add(anomaly(rs));
        }
      }
      if (anomalies.size() <= limit) {
        return new Page(anomalies, Optional.empty());
      }
      Anomaly last = anomalies.get(limit - 1);
      return new Page(
          anomalies.subList(0, limit), Optional.of(new Cursor(last.timestamp(), last.id())));
    }
  }

  private Anomaly anomaly(ResultSet rs) throws SQLException {
    Instant timestamp = rs.getObject("event_time", OffsetDateTime.class).toInstant();
    OffsetDateTime detectedAt = rs.getObject("detected_at", OffsetDateTime.class);
    String sourceTopic = rs.getString("source_topic");
    SourcePosition source =
        sourceTopic == null
            ? null
            : new SourcePosition(
                sourceTopic, rs.getInt("source_partition"), rs.getLong("source_offset"));
    return new Anomaly(
        rs.getString("id"),
        rs.getString("key"),
        timestamp,
        detectedAt == null ? timestamp : detectedAt.toInstant(),
        rs.getDouble("score"),
        Severity.valueOf(rs.getString("severity").toUpperCase(Locale.ROOT)),
        rs.getString("detector"),
        rs.getInt("model_version"),
        json(rs.getString("observed_values"), NUMBERS),
        json(rs.getString("expected"), BANDS),
        json(rs.getString("attribution"), NUMBERS),
        source,
        json(rs.getString("tags"), TEXTS),
        rs.getString("explanation"));
  }

  private <T> T json(String text, TypeReference<T> type) {
    try {
      return mapper.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON unreadable: " + e.getOriginalMessage(), e);
    }
  }

  /** The wire names of {@code min} and every higher severity. */
  private static String[] atLeast(Severity min) {
    return Arrays.stream(Severity.values())
        .filter(s -> s.compareTo(min) >= 0)
        .map(Severity::wireName)
        .toArray(String[]::new);
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /** A LIKE pattern matching every text that starts with {@code prefix}. */
  private static String like(String prefix) {
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  /** Stored keys had NUL replaced (see the writer), so the filter must match that. */
  private static String text(String value) {
    return PostgresAnomalyWriter.text(value);
  }
}
