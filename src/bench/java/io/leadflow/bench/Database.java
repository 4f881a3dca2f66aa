package io.leadflow.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * What the benchmark reads and changes directly in LeadFlow's PostgreSQL database: the check that
 * no answered lead was lost, and, for the storm, the SLA timers moved to one moment.
 */
final class Database {

  private final String url;
  private final String user;
  private final String password;

  Database(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  /**
   * Whether PostgreSQL keeps its planner statistics up to date by itself (autovacuum, on by
   * default). The PostgreSQL of the machine the README's numbers come from runs with it off, and a
   * database that grows from nothing then keeps planning with no statistics at all (a lookup of a
   * lead's variables by execution took 12 ms instead of 0.1 ms at 3,000 leads).
   */
  boolean autovacuum() throws SQLException {
    try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("show autovacuum")) {
      rs.next();
      return "on".equals(rs.getString(1));
    }
  }

  /** Refreshes the planner statistics of these tables, or of the whole database. */
  void analyze(String... tables) throws SQLException {
    try (Connection c = connect()) {
      c.createStatement().execute("analyze " + String.join(", ", tables));
    }
  }

  /**
   * What autovacuum would do now, with its default settings: VACUUM the tables with more dead rows
   * than autovacuum_vacuum_threshold (50) + autovacuum_vacuum_scale_factor (0.2) of their rows, or
   * more rows inserted since their last vacuum than autovacuum_vacuum_insert_threshold (1000) +
   * autovacuum_vacuum_insert_scale_factor (0.2) of them; then ANALYZE those changed by more than
   * autovacuum_analyze_threshold (50) + autovacuum_analyze_scale_factor (0.1) of their rows since
   * their last analyze. The vacuum is throttled like autovacuum's (cost delay 2 ms, limit 200).
   */
  void maintainLikeAutovacuum() throws SQLException {
    try (Connection c = connect()) {
      c.createStatement().execute("set vacuum_cost_delay = '2ms'");
      c.createStatement().execute("set vacuum_cost_limit = 200");
      List<String> vacuum = tables(c, """
          select s.relname from pg_stat_user_tables s join pg_class k on k.oid = s.relid
          where s.n_dead_tup > 50 + 0.2 * greatest(k.reltuples, 0)
             or s.n_ins_since_vacuum > 1000 + 0.2 * greatest(k.reltuples, 0)""");
      if (!vacuum.isEmpty()) {
        c.createStatement().execute("vacuum " + String.join(", ", vacuum));
      }
      List<String> analyze = tables(c, """
          select s.relname from pg_stat_user_tables s join pg_class k on k.oid = s.relid
          where s.n_mod_since_analyze > 50 + 0.1 * greatest(k.reltuples, 0)""");
      if (!analyze.isEmpty()) {
        c.createStatement().execute("analyze " + String.join(", ", analyze));
      }
    }
  }

  private static List<String> tables(Connection c, String query) throws SQLException {
    List<String> tables = new java.util.ArrayList<>();
    try (ResultSet rs = c.createStatement().executeQuery(query)) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }

  /**
   * When autovacuum is off: every {@code every} (autovacuum's naptime is one minute by default),
   * VACUUM and ANALYZE the tables autovacuum would, until the returned handle is closed. Does
   * nothing when it is on.
   */
  AutoCloseable actLikeAutovacuum(Duration every) throws SQLException {
    if (every.isZero() || autovacuum()) {
      return () -> {};
    }
    System.out.printf(Locale.ROOT, "PostgreSQL runs with autovacuum off: every %d s the benchmark"
        + " vacuums and analyzes the tables autovacuum would%n", every.toSeconds());
    var timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "autovacuum");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(() -> {
      try {
        maintainLikeAutovacuum();
      } catch (SQLException e) {
        System.out.println("  vacuum or analyze failed: " + e.getMessage());
      }
    }, every.toMillis(), every.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    return timer::shutdownNow;
  }

  private static Array ids(Connection c, List<Long> ids) throws SQLException {
    return c.createArrayOf("bigint", ids.toArray());
  }

  /** The outcome of the check: how many 201s are whole, and how many are not (lost). */
  record Check(int answered, int whole, int owned, int pooled, List<String> teams, List<Long> lostIds) {
    int lost() {
      return answered - whole;
    }

    void print() {
      System.out.printf(Locale.ROOT, "database: %d answered 201, %d whole (%d owned with an open"
          + " follow-up, %d pooled with a pool task), lost=%d%n", answered, whole, owned, pooled, lost());
      teams.forEach(t -> System.out.println("  " + t));
      if (!lostIds.isEmpty()) {
        System.out.println("  lost lead ids (first 20): " + lostIds.subList(0, Math.min(20, lostIds.size())));
      }
    }
  }

  /**
   * Every lead id answered 201 must have a leads row with a process instance that exists (running,
   * or in history), and either an owner with the open Task_FollowUp assigned to them, or be pooled
   * with an open Task_ClaimFromPool.
   */
  Check check(List<Long> answered) throws SQLException {
    try (Connection c = connect()) {
      Set<Long> whole = new HashSet<>();
      int owned = 0;
      int pooled = 0;
      try (PreparedStatement s = c.prepareStatement("""
          select l.id,
                 l.owner is not null and exists (select 1 from act_ru_task t
                     where t.proc_inst_id_ = l.process_instance_id
                       and t.task_def_key_ = 'Task_FollowUp' and t.assignee_ = l.owner) as followed,
                 l.pooled and exists (select 1 from act_ru_task t
                     where t.proc_inst_id_ = l.process_instance_id
                       and t.task_def_key_ = 'Task_ClaimFromPool') as in_pool
          from leads l
          where l.id = any(?) and l.process_instance_id is not null
            and (exists (select 1 from act_ru_execution e where e.proc_inst_id_ = l.process_instance_id)
              or exists (select 1 from act_hi_procinst h where h.proc_inst_id_ = l.process_instance_id))
          """)) {
        s.setArray(1, ids(c, answered));
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            boolean followed = rs.getBoolean(2);
            boolean inPool = rs.getBoolean(3);
            if (followed || inPool) {
              whole.add(rs.getLong(1));
              owned += followed ? 1 : 0;
              pooled += inPool ? 1 : 0;
            }
          }
        }
      }
      List<String> teams = new java.util.ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("""
          select coalesce(team, '-'), coalesce(strategy, '-'), pooled, count(*) from leads
          where id = any(?) group by 1, 2, 3 order by 4 desc""")) {
        s.setArray(1, ids(c, answered));
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            teams.add(String.format(Locale.ROOT, "team=%-14s strategy=%-14s pooled=%-5s %6d",
                rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getLong(4)));
          }
        }
      }
      List<Long> lost = answered.stream().filter(id -> !whole.contains(id)).toList();
      return new Check(answered.size(), whole.size(), owned, pooled, teams, lost);
    }
  }

  /** Waits until the job executor has run the asynchronous (notification) jobs intake made. */
  void awaitNoMessageJobs(Duration timeout) throws Exception {
    Instant end = Instant.now().plus(timeout);
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement(
            "select count(*) from act_ru_job where handler_type_ <> 'timer-transition'")) {
      while (true) {
        long left;
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          left = rs.getLong(1);
        }
        if (left == 0 || Instant.now().isAfter(end)) {
          System.out.println("asynchronous jobs left before the storm: " + left);
          return;
        }
        Thread.sleep(1000);
      }
    }
  }

  record Storm(int owned, int timers, Instant dueAt) {}

  /**
   * Moves the follow-up SLA timers (Timer_FollowUpSla) of the given leads to one moment, {@code
   * delaySeconds} from now. The SLA comes from the routing table (PT24H); the benchmark changes the
   * jobs' due dates directly instead, exactly what the engine looks at when it acquires timers.
   */
  Storm moveSlaTimers(List<Long> leadIds, long delaySeconds) throws SQLException {
    try (Connection c = connect()) {
      int owned;
      try (PreparedStatement s = c.prepareStatement(
          "select count(*) from leads where id = any(?) and owner is not null")) {
        s.setArray(1, ids(c, leadIds));
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          owned = rs.getInt(1);
        }
      }
      // First the jobs' ids, then one update by primary key: T is set only once finding them is
      // done (joining jobs to leads by process instance can take minutes on 10,000 leads), so the
      // timers are still in the future when the update commits.
      List<String> jobIds = new java.util.ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("""
          select j.id_ from act_ru_job j join act_ru_jobdef d on j.job_def_id_ = d.id_
          where d.act_id_ = 'Timer_FollowUpSla' and j.handler_type_ = 'timer-transition'
            and j.process_instance_id_ = any(array(
              select process_instance_id from leads where id = any(?)))""")) {
        s.setArray(1, ids(c, leadIds));
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            jobIds.add(rs.getString(1));
          }
        }
      }
      Instant dueAt = Instant.now().plusSeconds(delaySeconds);
      try (PreparedStatement s = c.prepareStatement(
          "update act_ru_job set duedate_ = ? where id_ = any(?)")) {
        s.setTimestamp(1, Timestamp.from(dueAt));
        s.setArray(2, c.createArrayOf("varchar", jobIds.toArray()));
        int moved = s.executeUpdate();
        if (!Instant.now().isBefore(dueAt)) {
          throw new IllegalStateException("moving the timers took longer than bench.storm.delay");
        }
        return new Storm(owned, moved, dueAt);
      }
    }
  }

  /** Polls until every lead is pooled; prints progress every 5 s. Returns how many are pooled. */
  long awaitReclaimed(List<Long> leadIds, Instant dueAt, Duration timeout) throws Exception {
    Instant end = dueAt.plus(timeout);
    long lastPrint = 0;
    try (Connection c = connect()) {
      // The storm's leads in a table of this session: a join costs milliseconds where
      // "id = any(array of 10,000)" took over 100 ms of the two cores at every poll.
      c.createStatement().execute("create temporary table storm_leads (id bigint primary key)");
      try (PreparedStatement insert =
          c.prepareStatement("insert into storm_leads select unnest(?::bigint[])")) {
        insert.setArray(1, ids(c, leadIds));
        insert.execute();
      }
      c.createStatement().execute("analyze storm_leads");
      PreparedStatement s = c.prepareStatement(
          "select count(*) from leads l join storm_leads t on t.id = l.id where l.pooled");
      while (true) {
        long pooled;
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          pooled = rs.getLong(1);
        }
        long sinceDue = Duration.between(dueAt, Instant.now()).toSeconds();
        if (pooled >= leadIds.size() || Instant.now().isAfter(end)) {
          System.out.printf(Locale.ROOT, "  %d of %d pooled at T%+d s%n", pooled, leadIds.size(), sinceDue);
          return pooled;
        }
        if (System.nanoTime() - lastPrint > 5_000_000_000L) {
          System.out.printf(Locale.ROOT, "  %d of %d pooled at T%+d s%n", pooled, leadIds.size(), sinceDue);
          lastPrint = System.nanoTime();
        }
        // The times reported come from lead_history, not from this poll.
        Thread.sleep(1000);
      }
    }
  }

  /** Seconds from the due time to the last RECLAIMED event of these leads. */
  double lastReclaimSeconds(List<Long> leadIds, Instant dueAt) throws SQLException {
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement("""
            select max(occurred_at) from lead_history where lead_id = any(?) and event = 'RECLAIMED'""")) {
      s.setArray(1, ids(c, leadIds));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        Timestamp last = rs.getTimestamp(1);
        return last == null ? Double.NaN : Duration.between(dueAt, last.toInstant()).toMillis() / 1000.0;
      }
    }
  }

  /** The timer lag per lead: its RECLAIMED event's time minus the due time, in milliseconds. */
  Histogram reclaimLag(List<Long> leadIds, Instant dueAt) throws SQLException {
    Histogram lag = new Histogram(3_600_000L, 3);
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement("""
            select occurred_at from lead_history where lead_id = any(?) and event = 'RECLAIMED'""")) {
      s.setArray(1, ids(c, leadIds));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          long ms = Duration.between(dueAt, rs.getTimestamp(1).toInstant()).toMillis();
          lag.recordValue(Math.max(0, Math.min(ms, 3_600_000L)));
        }
      }
    }
    return lag;
  }
}
