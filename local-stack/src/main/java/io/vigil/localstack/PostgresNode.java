package io.vigil.localstack;

/** The PostgreSQL server of the local stack. */
public interface PostgresNode extends ServerNode {

  /**
   * JDBC URL without credentials, for example {@code jdbc:postgresql://localhost:5432/postgres}.
   */
  String jdbcUrl();

  String user();

  /** Empty for the embedded server, which uses trust authentication. */
  String password();
}
