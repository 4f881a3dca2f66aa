package io.leadflow.reporting;

import io.leadflow.directory.RepProfile;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.reporting.ReportQuery.Dimension;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The reports. Each is one aggregate query (GROUP BY in the database) over the leads created in
 * the window, reading only the {@code leads} table: what a report needs of a lead's history the
 * lead's writer keeps on the lead as it happens (V12). The same SQL runs on PostgreSQL and H2.
 * Every figure's definition is in docs/reporting.md; rates are fractions (0.25), null when their
 * denominator is 0; durations are seconds, the sales cycle days.
 */
@Service
class Reports {

  /** The reports of GET /api/reports/{name}, with the grouping each has by default. */
  enum Report {
    FUNNEL(Dimension.SOURCE), RESPONSE(Dimension.TEAM), PERFORMANCE(Dimension.REP),
    RULES(Dimension.RULE), FAIRNESS(Dimension.REP), TREND(Dimension.DAY);

    final Dimension defaultGroup;

    Report(Dimension defaultGroup) {
      this.defaultGroup = defaultGroup;
    }
  }

  /** The skip reasons of the assignment (assignment.Assignments, RepPicker), as fairness counts. */
  static final List<String> SKIP_REASONS = List.of("SKIPPED_OUT_OF_OFFICE", "SKIPPED_UNAVAILABLE",
      "SKIPPED_FULL", "SKIPPED_ZERO_WEIGHT");

  private static final String WEIGHTED = "WEIGHTED";

  // The conditions each figure counts, on one lead row.
  private static final String ASSIGNED = "first_assigned_at is not null";
  private static final String CONTACTED = "first_assigned_at is not null and first_contact_at is not null";
  private static final String WITHIN_SLA = "first_sla_due_at is not null and first_contact_at is not null"
      + " and first_contact_at <= first_sla_due_at";
  private static final String SLA_DUE = "first_sla_due_at is not null"
      + " and (first_contact_at is not null or first_sla_due_at <= :now)";
  private static final String FRT = "first_response_seconds";

  private final NamedParameterJdbcTemplate jdbc;
  private final TeamDirectory directory;

  Reports(NamedParameterJdbcTemplate jdbc, TeamDirectory directory) {
    this.jdbc = jdbc;
    this.directory = directory;
  }

  List<Map<String, Object>> run(Report report, ReportQuery query, Instant now) {
    return switch (report) {
      case FUNNEL -> funnel(query, now);
      case RESPONSE -> response(query, now);
      case PERFORMANCE -> performance(query, now);
      case RULES -> rules(query, now);
      case FAIRNESS -> fairness(query, now);
      case TREND -> trend(query, now);
    };
  }

  /** The stage funnel (渠道来源转化漏斗 by source), valid leads, won amount and the sales cycle. */
  List<Map<String, Object>> funnel(ReportQuery query, Instant now) {
    String metrics = "count(*) leads, coalesce(sum(duplicate_count), 0) duplicates,"
        + " count(case when lost_reason is null or lost_reason <> 'BAD_DATA' then 1 end) valid,"
        + " count(case when " + ASSIGNED + " then 1 end) assigned,"
        + " count(mql_at) mql, count(sql_at) sql_reached, count(opportunity_at) opportunity,"
        + " count(customer_at) customer, count(lost_at) lost,"
        + " count(case when mql_at is not null and sql_at is not null then 1 end) mql_sql,"
        + " count(case when sql_at is not null and opportunity_at is not null then 1 end) sql_opp,"
        + " count(case when opportunity_at is not null and customer_at is not null then 1 end)"
        + " opp_customer,"
        + " coalesce(sum(won_amount), 0) won_amount, " + median("cycle_seconds") + " cycle_p50,"
        + " avg(cast(cycle_seconds as double precision)) cycle_mean";
    return rows(query, now, metrics, (rs, row) -> {
      long leads = rs.getLong("leads");
      long mql = rs.getLong("mql");
      long sql = rs.getLong("sql_reached");
      long opportunity = rs.getLong("opportunity");
      row.put("leads", leads);
      row.put("duplicatesMerged", rs.getLong("duplicates"));
      row.put("validLeads", rs.getLong("valid"));
      row.put("validRate", rate(rs.getLong("valid"), leads));
      row.put("assigned", rs.getLong("assigned"));
      row.put("mql", mql);
      row.put("sql", sql);
      row.put("opportunity", opportunity);
      row.put("customer", rs.getLong("customer"));
      row.put("lost", rs.getLong("lost"));
      row.put("mqlToSqlRate", rate(rs.getLong("mql_sql"), mql));
      row.put("sqlToOpportunityRate", rate(rs.getLong("sql_opp"), sql));
      row.put("opportunityToCustomerRate", rate(rs.getLong("opp_customer"), opportunity));
      row.put("opportunityRate", rate(opportunity, leads));
      row.put("wonAmount", amount(rs.getBigDecimal("won_amount")));
      row.put("salesCycleMedianDays", days(rs, "cycle_p50"));
      row.put("salesCycleMeanDays", days(rs, "cycle_mean"));
    });
  }

  /** First response, follow-up coverage, reclaims, claims and the pool. */
  List<Map<String, Object>> response(ReportQuery query, Instant now) {
    String metrics = "count(*) leads, count(case when " + ASSIGNED + " then 1 end) assigned,"
        + " count(case when " + CONTACTED + " then 1 end) contacted,"
        + " " + median(FRT) + " frt_p50, " + percentile(0.9, FRT) + " frt_p90,"
        + " avg(cast(" + FRT + " as double precision)) frt_mean,"
        + " " + median("first_response_working_seconds") + " frtw_p50,"
        + " " + percentile(0.9, "first_response_working_seconds") + " frtw_p90,"
        + " avg(cast(first_response_working_seconds as double precision)) frtw_mean,"
        + " count(case when " + FRT + " <= 300 then 1 end) within_5m,"
        + " count(case when " + FRT + " > 300 and " + FRT + " <= 1800 then 1 end) b_30m,"
        + " count(case when " + FRT + " > 1800 and " + FRT + " <= 3600 then 1 end) b_1h,"
        + " count(case when " + FRT + " > 3600 and " + FRT + " <= 14400 then 1 end) b_4h,"
        + " count(case when " + FRT + " > 14400 and " + FRT + " <= 86400 then 1 end) b_24h,"
        + " count(case when " + FRT + " > 86400 then 1 end) b_more,"
        + " count(case when " + WITHIN_SLA + " then 1 end) within_sla,"
        + " count(case when " + SLA_DUE + " then 1 end) sla_due,"
        + " count(case when reclaim_count > 0 then 1 end) reclaimed,"
        + " coalesce(sum(reclaim_count), 0) reclaims, coalesce(sum(claim_count), 0) claims,"
        + " " + median("pool_wait_seconds") + " pool_p50,"
        + " count(case when pool_expired then 1 end) pool_expired";
    return rows(query, now, metrics, (rs, row) -> {
      long assigned = rs.getLong("assigned");
      long contacted = rs.getLong("contacted");
      long within5m = rs.getLong("within_5m");
      long within1h = within5m + rs.getLong("b_30m") + rs.getLong("b_1h");
      row.put("leads", rs.getLong("leads"));
      row.put("assigned", assigned);
      row.put("contacted", contacted);
      row.put("notContacted", assigned - contacted);
      row.put("frtP50Seconds", seconds(rs, "frt_p50"));
      row.put("frtP90Seconds", seconds(rs, "frt_p90"));
      row.put("frtMeanSeconds", seconds(rs, "frt_mean"));
      row.put("frtWorkingP50Seconds", seconds(rs, "frtw_p50"));
      row.put("frtWorkingP90Seconds", seconds(rs, "frtw_p90"));
      row.put("frtWorkingMeanSeconds", seconds(rs, "frtw_mean"));
      row.put("within5m", within5m);
      row.put("within1h", within1h);
      row.put("withinSla", rs.getLong("within_sla"));
      row.put("within5mRate", rate(within5m, assigned));
      row.put("within1hRate", rate(within1h, assigned));
      row.put("withinSlaRate", rate(rs.getLong("within_sla"), assigned));
      row.put("slaDue", rs.getLong("sla_due"));
      row.put("coverage", rate(rs.getLong("within_sla"), rs.getLong("sla_due")));
      row.put("reclaimed", rs.getLong("reclaimed"));
      row.put("reclaims", rs.getLong("reclaims"));
      row.put("reclaimRate", rate(rs.getLong("reclaimed"), assigned));
      row.put("poolClaims", rs.getLong("claims"));
      row.put("poolWaitP50Seconds", seconds(rs, "pool_p50"));
      row.put("poolExpired", rs.getLong("pool_expired"));
      row.put("frt5mTo30m", rs.getLong("b_30m"));
      row.put("frt30mTo1h", rs.getLong("b_1h"));
      row.put("frt1hTo4h", rs.getLong("b_4h"));
      row.put("frt4hTo24h", rs.getLong("b_24h"));
      row.put("frtOver24h", rs.getLong("b_more"));
    });
  }

  /** Per team and rep (销售团队业绩): the leads each rep was given first and what became of them. */
  List<Map<String, Object>> performance(ReportQuery query, Instant now) {
    String metrics = "count(*) leads, count(case when " + ASSIGNED + " then 1 end) assigned,"
        + " count(case when " + CONTACTED + " then 1 end) contacted, " + median(FRT) + " frt_p50,"
        + " count(case when " + WITHIN_SLA + " then 1 end) within_sla,"
        + " count(case when " + SLA_DUE + " then 1 end) sla_due,"
        + " count(case when reclaim_count > 0 then 1 end) reclaimed,"
        + " count(opportunity_at) opportunity, count(customer_at) won,"
        + " coalesce(sum(won_amount), 0) won_amount, " + median("cycle_seconds") + " cycle_p50";
    return rows(query, now, metrics, (rs, row) -> {
      long assigned = rs.getLong("assigned");
      row.put("leads", rs.getLong("leads"));
      row.put("assigned", assigned);
      row.put("contacted", rs.getLong("contacted"));
      row.put("frtP50Seconds", seconds(rs, "frt_p50"));
      row.put("coverage", rate(rs.getLong("within_sla"), rs.getLong("sla_due")));
      row.put("reclaimed", rs.getLong("reclaimed"));
      row.put("reclaimRate", rate(rs.getLong("reclaimed"), assigned));
      row.put("opportunity", rs.getLong("opportunity"));
      row.put("won", rs.getLong("won"));
      row.put("wonAmount", amount(rs.getBigDecimal("won_amount")));
      row.put("salesCycleMedianDays", days(rs, "cycle_p50"));
    });
  }

  /** Per routing rule and version of the routing decision (分配规则效率). */
  List<Map<String, Object>> rules(ReportQuery query, Instant now) {
    String metrics = "count(*) leads, count(case when " + ASSIGNED + " then 1 end) assigned,"
        + " " + median(FRT) + " frt_p50,"
        + " count(case when " + WITHIN_SLA + " then 1 end) within_sla,"
        + " count(case when " + SLA_DUE + " then 1 end) sla_due,"
        + " count(case when reclaim_count > 0 then 1 end) reclaimed, count(sql_at) sql_reached,"
        + " count(case when sql_at is not null and opportunity_at is not null then 1 end) sql_opp,"
        + " count(customer_at) won, coalesce(sum(won_amount), 0) won_amount";
    return rows(query, now, metrics, (rs, row) -> {
      long leads = rs.getLong("leads");
      long sql = rs.getLong("sql_reached");
      row.put("leads", leads);
      row.put("assigned", rs.getLong("assigned"));
      row.put("frtP50Seconds", seconds(rs, "frt_p50"));
      row.put("coverage", rate(rs.getLong("within_sla"), rs.getLong("sla_due")));
      row.put("reclaimRate", rate(rs.getLong("reclaimed"), rs.getLong("assigned")));
      row.put("sql", sql);
      row.put("sqlToOpportunityRate", rate(rs.getLong("sql_opp"), sql));
      row.put("won", rs.getLong("won"));
      row.put("wonRate", rate(rs.getLong("won"), leads));
      row.put("wonAmount", amount(rs.getBigDecimal("won_amount")));
    });
  }

  /**
   * The daily trend: per day the leads were created (in the calendar's zone), how many were taken
   * in, assigned, contacted and reclaimed; days without leads are there with zeros.
   */
  List<Map<String, Object>> trend(ReportQuery query, Instant now) {
    ReportQuery byDay = query.groupBy() == Dimension.DAY ? query : withGroup(query, Dimension.DAY);
    String metrics = "count(*) leads, count(case when " + ASSIGNED + " then 1 end) assigned,"
        + " count(case when " + CONTACTED + " then 1 end) contacted,"
        + " count(case when reclaim_count > 0 then 1 end) reclaimed";
    Map<String, Map<String, Object>> found = new LinkedHashMap<>();
    rows(byDay, now, metrics, (rs, row) -> {
      row.put("leads", rs.getLong("leads"));
      row.put("assigned", rs.getLong("assigned"));
      row.put("contacted", rs.getLong("contacted"));
      row.put("reclaimed", rs.getLong("reclaimed"));
    }).forEach(row -> found.put((String) row.get("day"), row));
    List<Map<String, Object>> days = new ArrayList<>();
    LocalDate last = query.to().minusNanos(1).atZone(query.zone()).toLocalDate();
    for (LocalDate day = query.from().atZone(query.zone()).toLocalDate(); !day.isAfter(last);
        day = day.plusDays(1)) {
      Map<String, Object> row = found.get(day.toString());
      if (row == null) {
        row = new LinkedHashMap<>();
        row.put("day", day.toString());
        row.put("leads", 0L);
        row.put("assigned", 0L);
        row.put("contacted", 0L);
        row.put("reclaimed", 0L);
      }
      days.add(row);
    }
    return days;
  }

  /**
   * Fairness per team: each rep's share of the team's assignments by its strategy (leads whose
   * first owner the strategy picked) beside the share the strategy promises (equal, or by weight
   * for WEIGHTED, over the team's reps now), and the reps skipped, by reason, in the assignments
   * of the team's leads (counted on every team row). A rep sees their own row without shares.
   */
  List<Map<String, Object>> fairness(ReportQuery query, Instant now) {
    StringBuilder skips = new StringBuilder();
    for (String reason : SKIP_REASONS) {
      // the times the reason names it; replace() only on the few reasons that skipped someone
      skips.append(", coalesce(sum(case when assignment_reason like '%SKIPPED%' then"
          + " (length(assignment_reason) - length(replace(assignment_reason, '").append(reason)
          .append("', ''))) / ").append(reason.length()).append(" else 0 end), 0) ")
          .append(reason.toLowerCase());
    }
    MapSqlParameterSource params = params(query, now);
    String sql = "select team, first_rep, max(strategy) strategy,"
        + " count(case when first_assigned_by = 'ASSIGNED' then 1 end) assigned" + skips
        + " from leads where " + where(query, params) + " and team is not null"
        + " group by team, first_rep";
    record Cell(String team, String rep, String strategy, long assigned, Map<String, Long> skips) {}
    List<Cell> cells = jdbc.query(sql, params, (rs, n) -> {
      Map<String, Long> skipped = new LinkedHashMap<>();
      for (String reason : SKIP_REASONS) {
        skipped.put(reason, rs.getLong(reason.toLowerCase()));
      }
      return new Cell(rs.getString("team"), rs.getString("first_rep"), rs.getString("strategy"),
          rs.getLong("assigned"), skipped);
    });
    Map<String, List<Cell>> byTeam = cells.stream()
        .collect(Collectors.groupingBy(Cell::team, TreeMap::new, Collectors.toList()));
    List<Map<String, Object>> rows = new ArrayList<>();
    boolean ownOnly = query.scopeRep() != null;
    byTeam.forEach((team, teamCells) -> {
      long total = teamCells.stream().mapToLong(Cell::assigned).sum();
      Map<String, Long> teamSkips = new LinkedHashMap<>();
      SKIP_REASONS.forEach(r -> teamSkips.put(r, teamCells.stream()
          .mapToLong(c -> c.skips().get(r)).sum()));
      String strategy = teamCells.stream().map(Cell::strategy).filter(Objects::nonNull)
          .max(Comparator.naturalOrder()).orElse(null);
      Map<String, Long> assigned = teamCells.stream().filter(c -> c.rep() != null)
          .collect(Collectors.toMap(Cell::rep, Cell::assigned, Long::sum, TreeMap::new));
      Map<String, Integer> weights = ownOnly ? Map.of() : teamWeights(team);
      weights.keySet().forEach(rep -> assigned.putIfAbsent(rep, 0L));
      int weightSum = weights.values().stream().mapToInt(Integer::intValue).sum();
      assigned.forEach((rep, count) -> {
        if (query.rep() != null && !query.rep().equals(rep)) {
          return;
        }
        Integer weight = weights.get(rep);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("team", team);
        row.put("rep", rep);
        row.put("strategy", strategy);
        row.put("weight", weight);
        row.put("assigned", count);
        row.put("teamAssigned", ownOnly ? null : total);
        row.put("share", ownOnly ? null : rate(count, total));
        BigDecimal expected = null;
        if (weight != null && !ownOnly) {
          expected = WEIGHTED.equals(strategy) ? rate(weight, weightSum)
              : rate(1, weights.size());
        }
        row.put("expectedShare", expected);
        teamSkips.forEach((reason, n) -> row.put(skipField(reason), n));
        rows.add(row);
      });
    });
    return rows;
  }

  /** The team's reps now, with their weights. */
  private Map<String, Integer> teamWeights(String team) {
    List<String> reps = directory.repsOf(team);
    Map<String, Integer> weights = new TreeMap<>();
    reps.forEach(rep -> weights.put(rep, 1));
    directory.profiles(reps).forEach(p -> weights.put(p.getUserId(), weightOf(p)));
    return weights;
  }

  private static int weightOf(RepProfile profile) {
    return Math.max(0, profile.getWeight());
  }

  /** SKIPPED_OUT_OF_OFFICE -> skippedOutOfOffice. */
  static String skipField(String reason) {
    StringBuilder field = new StringBuilder("skipped");
    for (String word : reason.substring("SKIPPED_".length()).toLowerCase().split("_")) {
      field.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return field.toString();
  }

  // --- the one query shape: the window's leads, grouped by the dimension

  interface RowMapper {
    void map(ResultSet rs, Map<String, Object> row) throws SQLException;
  }

  private List<Map<String, Object>> rows(ReportQuery query, Instant now, String metrics,
      RowMapper mapper) {
    MapSqlParameterSource params = params(query, now);
    List<String> keys = keyColumns(query);
    String group = String.join(", ", keys);
    String select = keys.isEmpty() ? "" : group + ", ";
    String sql = "select " + select + metrics + " from leads where " + where(query, params)
        + (keys.isEmpty() ? "" : " group by " + group);
    List<Map<String, Object>> rows = jdbc.query(sql, params, (rs, n) -> {
      Map<String, Object> row = new LinkedHashMap<>();
      putKeys(query, rs, row);
      mapper.map(rs, row);
      return row;
    });
    rows.sort(Comparator.comparing(Reports::sortKey));
    return rows;
  }

  private static String sortKey(Map<String, Object> row) {
    StringBuilder key = new StringBuilder();
    for (String field : List.of("day", "source", "team", "rep", "rule", "version")) {
      if (row.containsKey(field)) {
        Object value = row.get(field);
        // nulls (no team, no rep, no rule, no version) last
        key.append(value == null ? "\uffff" : value instanceof Integer v
            ? String.format("%010d", v) : value.toString()).append('\u0000');
      }
    }
    return key.toString();
  }

  /** The grouping columns; the day is counted in the calendar's zone at the window's start. */
  private static List<String> keyColumns(ReportQuery query) {
    return switch (query.groupBy()) {
      case ALL -> List.of();
      case DAY -> List.of(dayColumn(query));
      case SOURCE -> List.of("source");
      case TEAM -> List.of("team");
      case REP -> List.of("team", "first_rep");
      case RULE -> List.of("routing_rule", "routing_decision_version");
    };
  }

  private static String dayColumn(ReportQuery query) {
    int offset = query.zone().getRules().getOffset(query.from()).getTotalSeconds();
    return "cast(floor((extract(epoch from created_at) + " + offset + ") / 86400) as bigint)";
  }

  private static void putKeys(ReportQuery query, ResultSet rs, Map<String, Object> row)
      throws SQLException {
    switch (query.groupBy()) {
      case ALL -> { }
      case DAY -> row.put("day", LocalDate.ofEpochDay(rs.getLong(1)).toString());
      case SOURCE -> row.put("source", rs.getString(1));
      case TEAM -> row.put("team", rs.getString(1));
      case REP -> {
        row.put("team", rs.getString(1));
        row.put("rep", rs.getString(2));
      }
      case RULE -> {
        row.put("rule", rs.getString(1));
        int version = rs.getInt(2);
        row.put("version", rs.wasNull() ? null : version);
      }
    }
  }

  private static MapSqlParameterSource params(ReportQuery query, Instant now) {
    return new MapSqlParameterSource()
        .addValue("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
  }

  /**
   * The window, the filters and the caller's scope. The window's bounds are written into the SQL
   * (they are instants of our own, not text of the caller's): PostgreSQL then plans each report for
   * the rows it really has, instead of switching after five runs to a generic plan that guesses a
   * few hundred rows and takes an index for all 100,000.
   */
  private static String where(ReportQuery query, MapSqlParameterSource params) {
    StringBuilder where = new StringBuilder("created_at >= ").append(literal(query.from()))
        .append(" and created_at < ").append(literal(query.to()));
    if (query.team() != null) {
      where.append(" and team = :team");
      params.addValue("team", query.team());
    }
    if (query.source() != null) {
      where.append(" and source = :source");
      params.addValue("source", query.source().name());
    }
    if (query.rep() != null) {
      where.append(" and first_rep = :rep");
      params.addValue("rep", query.rep());
    }
    if (query.scopeTeams() != null) {
      if (query.scopeTeams().isEmpty()) {
        where.append(" and 1 = 0");
      } else {
        where.append(" and team in (:scopeTeams)");
        params.addValue("scopeTeams", query.scopeTeams());
      }
    }
    if (query.scopeRep() != null) {
      where.append(" and first_rep = :scopeRep");
      params.addValue("scopeRep", query.scopeRep());
    }
    return where.toString();
  }

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx");

  /** A timestamp literal that PostgreSQL and H2 read alike. */
  private static String literal(Instant instant) {
    return "timestamp with time zone '"
        + OffsetDateTime.ofInstant(instant, ZoneOffset.UTC).format(TIMESTAMP) + "'";
  }

  private static ReportQuery withGroup(ReportQuery q, Dimension dimension) {
    return new ReportQuery(q.from(), q.to(), q.team(), q.source(), q.rep(), dimension,
        q.scopeTeams(), q.scopeRep(), q.zone());
  }

  private static String median(String column) {
    return percentile(0.5, column);
  }

  private static String percentile(double p, String column) {
    return "percentile_cont(" + p + ") within group (order by " + column + ")";
  }

  // --- values as the API gives them

  /** A fraction with 4 decimals; null when there is nothing to divide by. */
  static BigDecimal rate(long part, long whole) {
    return whole == 0 ? null
        : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
  }

  private static BigDecimal amount(BigDecimal value) {
    return value == null ? BigDecimal.ZERO.setScale(2) : value.setScale(2, RoundingMode.HALF_UP);
  }

  /** Seconds, to one decimal (a median of two is a half). */
  private static BigDecimal seconds(ResultSet rs, String column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP);
  }

  /** Days, to two decimals. */
  private static BigDecimal days(ResultSet rs, String column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null
        : BigDecimal.valueOf(value / 86400).setScale(2, RoundingMode.HALF_UP);
  }
}
