package io.leadflow.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Indexes the engine's own schema lacks and LeadFlow's load needs, created once the engine has
 * created or checked its tables (idempotent, so at every start):
 *
 * <ul>
 *   <li>{@code ACT_RU_TASK (PARENT_TASK_ID_)}: completing or cancelling a task looks for its
 *       sub-tasks; without the index that is a scan of every open task (14 ms with 10,000 open
 *       leads), once per reclaim, per follow-up completed, per claim.
 *   <li>{@code ACT_RU_JOB (DUEDATE_)}: the job executor acquires jobs in due order (timers first
 *       due, first fired). With {@code ensureJobDueDateNotNull} (application.yaml) every job has a
 *       due date and the acquisition query reads the first due jobs from this index instead of
 *       scanning and sorting every job, which it did up to a hundred times a second in a reclaim
 *       storm. Jobs without a due date get one here, first (see {@link #giveJobsADueDate}).
 *       In a cluster, upgrade all nodes together (or restart one node after the last older node
 *       stopped): an older node keeps creating jobs without one. A job whose due date someone
 *       removes (Cockpit, {@code ManagementService.setJobDuedate(id, null)}) is not run until the
 *       next start gives it one.
 *   <li>{@code ACT_RU_JOB (LOCK_EXP_TIME_) WHERE LOCK_OWNER_ IS NOT NULL}, PostgreSQL only (H2
 *       has no partial indexes): the acquisition skips exclusive jobs of process instances that
 *       have a job in progress, and PostgreSQL answers that part of the query with one list of
 *       the locked jobs. Without the index the list was a scan of the whole job table, dead rows
 *       included, at every acquisition: 16 ms with 10,000 due SLA timers, 48 of the 130 seconds
 *       of a storm of 10,000; with it 0.4 ms. The index holds only the jobs being run.
 * </ul>
 *
 * <p>On PostgreSQL it is built {@code CONCURRENTLY}, so a first start on a large database does not
 * block the engine's writes. The name starts with {@code ACT_IDX_LF_} to tell it from Camunda's.
 */
@Component
class EngineIndexes extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(EngineIndexes.class);

  /** An index; one with a {@code where} condition (a partial index) only on PostgreSQL. */
  record Index(String name, String table, String column, String where) {
    Index(String name, String table, String column) {
      this(name, table, column, null);
    }
  }

  static final List<Index> INDEXES = List.of(
      new Index("ACT_IDX_LF_TASK_PARENT", "ACT_RU_TASK", "PARENT_TASK_ID_"),
      new Index("ACT_IDX_LF_JOB_DUEDATE", "ACT_RU_JOB", "DUEDATE_"),
      new Index("ACT_IDX_LF_JOB_LOCKED", "ACT_RU_JOB", "LOCK_EXP_TIME_",
          "LOCK_OWNER_ is not null"));

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    DataSource dataSource = ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
        engine.getProcessEngineConfiguration()).getDataSource();
    try (Connection connection = dataSource.getConnection()) {
      boolean postgres = connection.getMetaData().getDatabaseProductName()
          .toLowerCase(Locale.ROOT).contains("postgres");
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(true); // CREATE INDEX CONCURRENTLY runs outside a transaction
      try {
        giveJobsADueDate(connection);
        for (Index index : INDEXES) {
          create(connection, index, postgres);
        }
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      log.warn("Could not reach the database to check LeadFlow's indexes and job due dates", e);
    }
  }

  /**
   * With ensureJobDueDateNotNull the job executor only acquires jobs that have a due date; jobs
   * created without one (asynchronous steps, by a LeadFlow from before that setting) are due now,
   * by the engine's clock. Done first and on its own: without it such jobs would never run.
   */
  private static void giveJobsADueDate(Connection connection) {
    try (PreparedStatement update = connection.prepareStatement(
        "update ACT_RU_JOB set DUEDATE_ = ? where DUEDATE_ is null")) {
      update.setTimestamp(1, new Timestamp(ClockUtil.getCurrentTime().getTime()));
      int updated = update.executeUpdate();
      if (updated > 0) {
        log.info("Gave {} jobs without a due date one (due now)", updated);
      }
    } catch (SQLException e) {
      log.error("Could not give jobs without a due date one: they are not run until they have"
          + " one (update ACT_RU_JOB set DUEDATE_ = now() where DUEDATE_ is null)", e);
    }
  }

  private static void create(Connection connection, Index index, boolean postgres) {
    if (index.where() != null && !postgres) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("create index " + (postgres ? "concurrently " : "") + "if not exists "
          + index.name() + " on " + index.table() + " (" + index.column() + ")"
          + (index.where() == null ? "" : " where " + index.where()));
    } catch (SQLException e) {
      // The engine works without it, only slower under load: say so, do not refuse to start.
      log.warn("Could not create the index {} on {} ({}); the engine is slower without it",
          index.name(), index.table(), index.column(), e);
    }
  }
}
