package io.leadflow.support;

import java.sql.DriverManager;

/**
 * The PostgreSQL that .ci/run prepares for the tests (database leadflow_test), as the pgtest
 * profile (application-pgtest.yaml) reaches it. Tests that need it run with
 * {@code @EnabledIf("io.leadflow.support.Postgres#availableOrCi")}.
 */
public final class Postgres {

  /** The test database; LEADFLOW_TEST_DB_URL overrides it, as in application-pgtest.yaml. */
  public static final String URL = System.getenv().getOrDefault("LEADFLOW_TEST_DB_URL",
      "jdbc:postgresql://127.0.0.1:5432/leadflow_test");

  private Postgres() {}

  /**
   * In CI (env CI set) always true, so a missing database fails the tests instead of skipping
   * them; otherwise true only if PostgreSQL answers at {@link #URL}.
   */
  public static boolean availableOrCi() {
    if (System.getenv("CI") != null) {
      return true;
    }
    try (var connection = DriverManager.getConnection(URL,
        System.getenv().getOrDefault("LEADFLOW_TEST_DB_USER", "postgres"), "")) {
      return connection.isValid(2);
    } catch (Exception e) {
      return false;
    }
  }
}
