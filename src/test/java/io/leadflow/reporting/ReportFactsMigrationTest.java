package io.leadflow.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.support.Postgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * V12 fills the report facts of the leads taken in before it from their history, on H2 and on
 * PostgreSQL: first owner, first response, reclaims, claims, the pool and the sales cycle.
 */
class ReportFactsMigrationTest {

  static final OffsetDateTime NINE = OffsetDateTime.parse("2026-11-02T09:00:00+08:00");

  @Test
  void fillsTheFactsFromTheHistoryOnH2() throws SQLException {
    migrate("jdbc:h2:mem:facts-" + UUID.randomUUID() + ";MODE=LEGACY;DB_CLOSE_DELAY=-1", "sa",
        null);
  }

  @Test
  @EnabledIf("io.leadflow.support.Postgres#availableOrCi")
  void fillsTheFactsFromTheHistoryOnPostgres() throws SQLException {
    String schema = "facts_" + UUID.randomUUID().toString().replace("-", "");
    try {
      migrate(Postgres.URL, "postgres", schema);
    } finally {
      try (Connection c = DriverManager.getConnection(Postgres.URL, "postgres", "")) {
        c.createStatement().execute("drop schema if exists " + schema + " cascade");
      }
    }
  }

  private static void migrate(String url, String user, String schema) throws SQLException {
    var config = Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration");
    if (schema != null) {
      config.schemas(schema).createSchemas(true);
    }
    config.target("11").load().migrate();
    try (Connection c = connect(url, user, schema)) {
      // assigned, reclaimed, claimed by another rep who contacted it; won two days after intake
      lead(c, 1, 190, null, 48 * 60);
      history(c, 10, 1, 0, "ASSIGNED", "rpa");
      history(c, 11, 1, 60, "RECLAIMED", "rpa");
      history(c, 12, 1, 180, "CLAIMED", "rpb");
      // routed to the pool, claimed half an hour later, never contacted
      lead(c, 2, null, 90, null);
      history(c, 20, 2, 0, "POOLED", null);
      history(c, 21, 2, 30, "CLAIMED", "rpb");
      // assigned, SLA at ten, never contacted
      lead(c, 3, null, 60, null);
      history(c, 30, 3, 0, "ASSIGNED", "rpc");
      // expired from the pool
      lead(c, 4, null, null, null);
      history(c, 40, 4, 0, "POOLED", null);
      history(c, 41, 4, 600, "POOL_EXPIRED", null);
    }

    config.target("latest").load().migrate();

    try (Connection c = connect(url, user, schema)) {
      Map<Long, Map<String, Object>> leads = new HashMap<>();
      try (var rs = c.createStatement().executeQuery("select id, first_rep, first_assigned_by,"
          + " first_assigned_at, first_sla_due_at, first_response_seconds, reclaim_count,"
          + " claim_count, first_pooled_at, pool_wait_seconds, pool_expired, cycle_seconds"
          + " from leads")) {
        while (rs.next()) {
          Map<String, Object> row = new HashMap<>();
          row.put("rep", rs.getString(2));
          row.put("by", rs.getString(3));
          row.put("assigned", rs.getObject(4, OffsetDateTime.class));
          row.put("sla", rs.getObject(5, OffsetDateTime.class));
          row.put("frt", rs.getObject(6));
          row.put("reclaims", rs.getInt(7));
          row.put("claims", rs.getInt(8));
          row.put("pooled", rs.getObject(9, OffsetDateTime.class));
          row.put("wait", rs.getObject(10));
          row.put("expired", rs.getBoolean(11));
          row.put("cycle", rs.getObject(12));
          leads.put(rs.getLong(1), row);
        }
      }
      assertThat(leads.get(1L)).containsEntry("rep", "rpa").containsEntry("by", "ASSIGNED")
          .containsEntry("reclaims", 1).containsEntry("claims", 1).containsEntry("sla", null)
          .containsEntry("expired", false);
      assertThat(((Number) leads.get(1L).get("frt")).longValue()).isEqualTo(190 * 60);
      assertThat(((Number) leads.get(1L).get("cycle")).longValue()).isEqualTo(48 * 3600);
      assertThat(((OffsetDateTime) leads.get(1L).get("assigned")).toInstant())
          .isEqualTo(NINE.toInstant());
      assertThat(((OffsetDateTime) leads.get(1L).get("pooled")).toInstant())
          .isEqualTo(NINE.plusMinutes(60).toInstant());

      assertThat(leads.get(2L)).containsEntry("rep", "rpb").containsEntry("by", "CLAIMED")
          .containsEntry("frt", null).containsEntry("claims", 1).containsEntry("reclaims", 0);
      assertThat(((Number) leads.get(2L).get("wait")).longValue()).isEqualTo(30 * 60);

      assertThat(leads.get(3L)).containsEntry("rep", "rpc").containsEntry("claims", 0);
      assertThat(((OffsetDateTime) leads.get(3L).get("sla")).toInstant())
          .isEqualTo(NINE.plusMinutes(60).toInstant());

      assertThat(leads.get(4L)).containsEntry("rep", null).containsEntry("assigned", null)
          .containsEntry("expired", true).containsEntry("wait", null);
    }
  }

  private static Connection connect(String url, String user, String schema) throws SQLException {
    Connection c = DriverManager.getConnection(url, user, "");
    if (schema != null) {
      c.setSchema(schema);
    }
    return c;
  }

  /** A lead created at nine with its first contact, SLA and win this many minutes later. */
  private static void lead(Connection c, long id, Integer contactMinutes, Integer slaMinutes,
      Integer wonMinutes) throws SQLException {
    try (var insert = c.prepareStatement("insert into leads (id, source, decision_maker, stage,"
        + " pooled, duplicate_count, created_at, updated_at, version, first_contact_at,"
        + " sla_due_at, customer_at) values (?, 'WEBSITE_FORM', false, 'SQL', false, 0, ?, ?, 0,"
        + " ?, ?, ?)")) {
      insert.setLong(1, id);
      insert.setObject(2, NINE);
      insert.setObject(3, NINE);
      insert.setObject(4, contactMinutes == null ? null : NINE.plusMinutes(contactMinutes));
      insert.setObject(5, slaMinutes == null ? null : NINE.plusMinutes(slaMinutes));
      insert.setObject(6, wonMinutes == null ? null : NINE.plusMinutes(wonMinutes));
      insert.executeUpdate();
    }
  }

  private static void history(Connection c, long id, long leadId, int minutes, String event,
      String rep) throws SQLException {
    try (var insert = c.prepareStatement("insert into lead_history (id, lead_id, occurred_at,"
        + " event, rep) values (?, ?, ?, ?, ?)")) {
      insert.setLong(1, id);
      insert.setLong(2, leadId);
      insert.setObject(3, NINE.plusMinutes(minutes));
      insert.setString(4, event);
      insert.setString(5, rep);
      insert.executeUpdate();
    }
  }
}
