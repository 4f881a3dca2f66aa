package io.leadflow.faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the database holds after a fault, and the checks that nothing was lost or half-written:
 * each lead answered 201 has its row and a running LeadLifecycle, and either an owner with the
 * open follow-up task and exactly one SLA timer, or an open pool task; no lead row exists without
 * its process and no process without its lead.
 */
final class Ledger {

  private final OwnPostgres postgres;

  Ledger(OwnPostgres postgres) {
    this.postgres = postgres;
  }

  long count(String sql, Object... args) throws SQLException {
    try (Connection c = postgres.connect("leadflow"); var statement = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  List<String> strings(String sql) throws SQLException {
    try (Connection c = postgres.connect("leadflow");
        ResultSet rows = c.createStatement().executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    }
  }

  int update(String sql) throws SQLException {
    try (Connection c = postgres.connect("leadflow")) {
      return c.createStatement().executeUpdate(sql);
    }
  }

  static String in(Collection<Long> ids) {
    return ids.isEmpty() ? "(-1)"
        : ids.stream().map(String::valueOf).collect(Collectors.joining(",", "(", ")"));
  }

  /** The problems of these leads (answered 201), each named; empty when every check holds. */
  List<String> problems(Collection<Long> leadIds) throws SQLException {
    List<String> problems = new ArrayList<>();
    String ids = in(leadIds);
    long rows = count("select count(*) from leads where id in " + ids);
    if (rows != leadIds.size()) {
      problems.add((leadIds.size() - rows) + " leads answered 201 have no row");
    }
    long withoutProcess = count("select count(*) from leads l where id in " + ids
        + " and not exists (select 1 from act_ru_execution e where e.id_ = l.process_instance_id"
        + " and e.proc_inst_id_ = e.id_ and e.business_key_ = cast(l.id as varchar))");
    if (withoutProcess > 0) {
      problems.add(withoutProcess + " leads answered 201 have no running process");
    }
    long ownedWrong = count("select count(*) from leads l where id in " + ids
        + " and not l.pooled and (l.owner is null"
        + " or (select count(*) from act_ru_task t where t.proc_inst_id_ = l.process_instance_id"
        + "     and t.task_def_key_ = 'Task_FollowUp' and t.assignee_ = l.owner) <> 1"
        + " or (select count(*) from act_ru_job j join act_ru_jobdef d on j.job_def_id_ = d.id_"
        + "     where j.process_instance_id_ = l.process_instance_id"
        + "     and d.act_id_ = 'Timer_FollowUpSla') <> 1)");
    if (ownedWrong > 0) {
      problems.add(ownedWrong + " owned leads lack their open follow-up task or exactly one"
          + " SLA timer");
    }
    long pooledWrong = count("select count(*) from leads l where id in " + ids
        + " and l.pooled and (select count(*) from act_ru_task t"
        + " where t.proc_inst_id_ = l.process_instance_id"
        + " and t.task_def_key_ = 'Task_ClaimFromPool') <> 1");
    if (pooledWrong > 0) {
      problems.add(pooledWrong + " pooled leads lack their pool task");
    }
    problems.addAll(orphans());
    return problems;
  }

  /** Over the whole database: lead rows without a process, processes without a lead row. */
  List<String> orphans() throws SQLException {
    List<String> problems = new ArrayList<>();
    long leadsWithoutProcess = count("select count(*) from leads l where not exists"
        + " (select 1 from act_ru_execution e where e.id_ = l.process_instance_id)"
        + " and not exists (select 1 from act_hi_procinst h where h.id_ = l.process_instance_id"
        + " and h.end_time_ is not null)");
    if (leadsWithoutProcess > 0) {
      problems.add(leadsWithoutProcess + " lead rows have no process");
    }
    long processesWithoutLead = count("select count(*) from act_ru_execution e"
        + " join act_re_procdef d on e.proc_def_id_ = d.id_"
        + " where e.id_ = e.proc_inst_id_ and d.key_ = 'LeadLifecycle' and not exists"
        + " (select 1 from leads l where cast(l.id as varchar) = e.business_key_)");
    if (processesWithoutLead > 0) {
      problems.add(processesWithoutLead + " LeadLifecycle processes have no lead row");
    }
    return problems;
  }

  long processes(Collection<Long> leadIds) throws SQLException {
    return count("select count(*) from act_ru_execution e where e.id_ = e.proc_inst_id_"
        + " and e.business_key_ in (select cast(id as varchar) from leads where id in "
        + in(leadIds) + ")");
  }

  long slaTimers(Collection<Long> leadIds) throws SQLException {
    return count("select count(*) from act_ru_job j join act_ru_jobdef d on j.job_def_id_ = d.id_"
        + " where d.act_id_ = 'Timer_FollowUpSla' and j.process_instance_id_ in"
        + " (select process_instance_id from leads where id in " + in(leadIds) + ")");
  }

  /** Notifications of these leads not yet delivered on every channel. */
  long undelivered(Collection<Long> leadIds) throws SQLException {
    return count("select count(*) from notifications where delivered_at is null and lead_id in "
        + in(leadIds));
  }
}
