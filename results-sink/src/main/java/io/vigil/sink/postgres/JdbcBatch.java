package io.vigil.sink.postgres;

import io.vigil.sink.consume.RejectedWriteException;
import io.vigil.sink.consume.WriteFailedException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * One JDBC batch of one statement over a list of rows, in one transaction: all rows are stored or
 * none. Failures become {@link RejectedWriteException} when the server refused the data itself (the
 * same rows would fail on every retry) and {@link WriteFailedException} otherwise.
 */
final class JdbcBatch {
  /** Sets one row's parameters. */
  @FunctionalInterface
  interface Binder<T> {
    void bind(PreparedStatement statement, T row) throws SQLException;
  }

  private JdbcBatch() {}

  static <T> void write(
      DataSource dataSource,
      String sql,
      int timeoutSeconds,
      List<T> rows,
      Binder<T> binder,
      String what) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setQueryTimeout(timeoutSeconds);
        for (T row : rows) {
          binder.bind(statement, row);
          statement.addBatch();
        }
        statement.executeBatch();
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        throw e;
      }
    } catch (SQLException e) {
      String message = "writing " + rows.size() + " " + what + " failed: " + e.getMessage();
      if (refusesData(e)) {
        throw new RejectedWriteException(message, e);
      }
      throw new WriteFailedException(message, e);
    }
  }

  /**
   * SQLState class 22 (data exception) and 23 (integrity constraint violation) mean the server
   * refused the data itself: the same rows would fail again on every retry. A batch failure carries
   * the first failing statement's cause as its next exception.
   */
  static boolean refusesData(SQLException e) {
    for (SQLException cause = e; cause != null; cause = cause.getNextException()) {
      String state = cause.getSQLState();
      if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
        return true;
      }
    }
    return false;
  }

  private static void rollback(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
