package io.leadflow.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.support.Postgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * V6 gives every lead taken in before it the reason of its last ASSIGNED or POOLED history entry,
 * on both databases LeadFlow runs on.
 */
class AssignmentReasonMigrationTest {

  @Test
  void fillsTheReasonFromTheHistoryOnH2() throws SQLException {
    String url = "jdbc:h2:mem:migration-" + UUID.randomUUID() + ";MODE=LEGACY;DB_CLOSE_DELAY=-1";
    assertFilledFromHistory(url, "sa", null);
  }

  @Test
  @EnabledIf("io.leadflow.support.Postgres#availableOrCi")
  void fillsTheReasonFromTheHistoryOnPostgres() throws SQLException {
    String schema = "migration_" + UUID.randomUUID().toString().replace("-", "");
    try {
      assertFilledFromHistory(Postgres.URL, "postgres", schema);
    } finally {
      try (Connection c = DriverManager.getConnection(Postgres.URL, "postgres", "")) {
        c.createStatement().execute("drop schema if exists " + schema + " cascade");
      }
    }
  }

  private static void assertFilledFromHistory(String url, String user, String schema)
      throws SQLException {
    var config = Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration");
    if (schema != null) {
      config.schemas(schema).createSchemas(true);
    }
    config.target("5").load().migrate();
    try (Connection c = DriverManager.getConnection(url, user, "")) {
      if (schema != null) {
        c.setSchema(schema);
      }
      insertLead(c, 1);
      history(c, 10, 1, 0, "ROUTED", "rule 3");
      history(c, 11, 1, 0, "ASSIGNED", "ROUND_ROBIN");
      history(c, 12, 1, 60, "RECLAIMED", "SLA_MISSED");
      history(c, 13, 1, 60, "POOLED", "SLA_MISSED");
      history(c, 14, 1, 90, "CLAIMED", "CLAIMED_FROM_POOL");
      insertLead(c, 2);
      history(c, 20, 2, 0, "ASSIGNED", "WEIGHTED; SKIPPED_FULL: li.na");
      insertLead(c, 3); // routed, never assigned
      history(c, 30, 3, 0, "ROUTED", "rule 1");
      insertLead(c, 4); // ids from two nodes' sequence blocks: the later event has the lower id
      history(c, 41, 4, 0, "ASSIGNED", "LOAD_BALANCED");
      history(c, 40, 4, 30, "POOLED", "NO_ELIGIBLE_REP");
    }

    config.target("latest").load().migrate();

    try (Connection c = DriverManager.getConnection(url, user, "")) {
      if (schema != null) {
        c.setSchema(schema);
      }
      Map<Long, String> reasons = new HashMap<>();
      try (var rs = c.createStatement().executeQuery("select id, assignment_reason from leads")) {
        while (rs.next()) {
          reasons.put(rs.getLong(1), rs.getString(2));
        }
      }
      assertThat(reasons).containsEntry(1L, "SLA_MISSED")
          .containsEntry(2L, "WEIGHTED; SKIPPED_FULL: li.na")
          .containsEntry(3L, null)
          .containsEntry(4L, "NO_ELIGIBLE_REP")
          .hasSize(4);
    }
  }

  private static void insertLead(Connection c, long id) throws SQLException {
    c.createStatement().execute("insert into leads (id, source, decision_maker, stage, pooled,"
        + " duplicate_count, created_at, updated_at, version) values (" + id
        + ", 'WEB_FORM', false, 'MQL', false, 0, current_timestamp, current_timestamp, 0)");
  }

  /** A history entry {@code minutes} after 9:00 on a fixed day. */
  private static void history(Connection c, long id, long leadId, int minutes, String event,
      String reason) throws SQLException {
    try (var insert = c.prepareStatement("insert into lead_history (id, lead_id, occurred_at,"
        + " event, reason) values (?, ?, ?, ?, ?)")) {
      insert.setLong(1, id);
      insert.setLong(2, leadId);
      insert.setObject(3, java.time.OffsetDateTime.parse("2026-11-02T09:00:00+08:00")
          .plusMinutes(minutes));
      insert.setString(4, event);
      insert.setString(5, reason);
      insert.execute();
    }
  }
}
