package io.leadflow.lead;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Past leads as they were at intake, for back-testing decision tables on history: read in pages
 * of {@link #PAGE} leads by id (keyset), each page with its activities and first score, so a
 * window of any size is read with bounded memory and without a long transaction. Read-only,
 * without locks; the leads' rows stay as they are.
 */
@Component
public class LeadReplays {

  static final int PAGE = 1_000;

  /** Which past leads: created in [from, to), optionally of one team (as routed) and source. */
  public record Window(Instant from, Instant to, String team, LeadSource source) {}

  /**
   * A lead at intake: its facts with only the activities that had happened by then, the score it
   * was routed with (its first score, null when unknown), and what became of it.
   */
  public record AtIntake(long id, LeadFacts facts, Instant createdAt, Integer intakeScore,
      String team, String owner, LeadStage stage, String routingRule, String routingDecisionId,
      String scoringDecisionId, Instant sqlAt, Instant firstContactAt, Instant opportunityAt,
      Instant customerAt, BigDecimal wonAmount) {

    /** Seconds from becoming an SQL (or from intake) to the first contact; null if none yet. */
    public Long firstResponseSeconds() {
      Instant from = sqlAt != null ? sqlAt : createdAt;
      return firstContactAt == null ? null
          : Math.max(0, Duration.between(from, firstContactAt).toSeconds());
    }

    /** Became an opportunity or a customer. */
    public boolean converted() {
      return opportunityAt != null || customerAt != null;
    }
  }

  private final NamedParameterJdbcTemplate jdbc;
  private final JsonColumns.ObjectMap attributes = new JsonColumns.ObjectMap();

  LeadReplays(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Hands each lead of the window to {@code each}, in id order; returns how many. */
  public long forEach(Window window, Consumer<AtIntake> each) {
    long after = -1;
    long count = 0;
    while (true) {
      MapSqlParameterSource params = new MapSqlParameterSource()
          .addValue("after", after)
          .addValue("from", OffsetDateTime.ofInstant(window.from(), ZoneOffset.UTC))
          .addValue("to", OffsetDateTime.ofInstant(window.to(), ZoneOffset.UTC));
      StringBuilder sql = new StringBuilder("""
          select id, source, external_id, name, company, title, decision_maker, email, phone,
            region, city, industry, product, company_size, budget, attributes, team, owner,
            stage, score, routing_rule, routing_decision_id, scoring_decision_id, created_at,
            sql_at, first_contact_at, opportunity_at, customer_at, won_amount
          from leads where id > :after and created_at >= :from and created_at < :to""");
      if (window.team() != null) {
        sql.append(" and team = :team");
        params.addValue("team", window.team());
      }
      if (window.source() != null) {
        sql.append(" and source = :source");
        params.addValue("source", window.source().name());
      }
      sql.append(" order by id fetch first " + PAGE + " rows only");
      List<Row> page = jdbc.query(sql.toString(), params, (rs, n) -> row(rs));
      if (page.isEmpty()) {
        return count;
      }
      List<Long> ids = page.stream().map(Row::id).toList();
      Map<Long, List<Activity>> activities = activities(ids);
      Map<Long, Integer> firstScores = firstScores(ids);
      for (Row row : page) {
        each.accept(row.atIntake(activities.getOrDefault(row.id(), List.of()),
            firstScores.getOrDefault(row.id(), row.score())));
        count++;
      }
      after = page.get(page.size() - 1).id();
      if (page.size() < PAGE) {
        return count;
      }
    }
  }

  /** How many leads each of these decision definitions last routed. */
  public Map<String, Long> routedBy(Collection<String> definitionIds) {
    return countBy("routing_decision_id", definitionIds);
  }

  /** How many leads each of these decision definitions last scored. */
  public Map<String, Long> scoredBy(Collection<String> definitionIds) {
    return countBy("scoring_decision_id", definitionIds);
  }

  private Map<String, Long> countBy(String column, Collection<String> definitionIds) {
    Map<String, Long> counts = new HashMap<>();
    if (definitionIds.isEmpty()) {
      return counts;
    }
    jdbc.query("select " + column + " as d, count(*) as n from leads where " + column
        + " in (:ids) group by " + column, Map.of("ids", definitionIds),
        rs -> { counts.put(rs.getString("d"), rs.getLong("n")); });
    return counts;
  }

  private Map<Long, List<Activity>> activities(List<Long> ids) {
    Map<Long, List<Activity>> byLead = new HashMap<>();
    jdbc.query("select lead_id, type, occurred_at from lead_activities where lead_id in (:ids)",
        Map.of("ids", ids), rs -> {
          byLead.computeIfAbsent(rs.getLong("lead_id"), id -> new ArrayList<>()).add(
              new Activity(ActivityType.valueOf(rs.getString("type")), instant(rs, "occurred_at")));
        });
    return byLead;
  }

  private Map<Long, Integer> firstScores(List<Long> ids) {
    Map<Long, Integer> first = new HashMap<>();
    jdbc.query("select lead_id, score from lead_score_changes where lead_id in (:ids)"
        + " order by lead_id, id", Map.of("ids", ids),
        rs -> { first.putIfAbsent(rs.getLong("lead_id"), rs.getInt("score")); });
    return first;
  }

  private record Row(long id, LeadSource source, String externalId, String name, String company,
      String title, boolean decisionMaker, String email, String phone, String region, String city,
      String industry, String product, Integer companySize, BigDecimal budget,
      Map<String, Object> attributes, String team, String owner, LeadStage stage, Integer score,
      String routingRule, String routingDecisionId, String scoringDecisionId, Instant createdAt,
      Instant sqlAt, Instant firstContactAt, Instant opportunityAt, Instant customerAt,
      BigDecimal wonAmount) {

    AtIntake atIntake(List<Activity> activities, Integer intakeScore) {
      List<Activity> byThen = activities.stream().filter(a -> !a.at().isAfter(createdAt))
          .toList();
      LeadFacts facts = new LeadFacts(externalId, source, name, company, title, decisionMaker,
          email, phone, region, city, industry, product, companySize, budget, List.of(),
          attributes, byThen);
      return new AtIntake(id, facts, createdAt, intakeScore, team, owner, stage, routingRule,
          routingDecisionId, scoringDecisionId, sqlAt, firstContactAt, opportunityAt, customerAt,
          wonAmount);
    }
  }

  private Row row(ResultSet rs) throws SQLException {
    Integer size = (Integer) rs.getObject("company_size", Integer.class);
    Integer score = (Integer) rs.getObject("score", Integer.class);
    String json = rs.getString("attributes");
    Map<String, Object> attrs = json == null ? Map.of()
        : new LinkedHashMap<>(attributes.convertToEntityAttribute(json));
    return new Row(rs.getLong("id"), LeadSource.valueOf(rs.getString("source")),
        rs.getString("external_id"), rs.getString("name"), rs.getString("company"),
        rs.getString("title"), rs.getBoolean("decision_maker"), rs.getString("email"),
        rs.getString("phone"), rs.getString("region"), rs.getString("city"),
        rs.getString("industry"), rs.getString("product"), size, rs.getBigDecimal("budget"),
        attrs, rs.getString("team"), rs.getString("owner"),
        LeadStage.valueOf(rs.getString("stage")), score, rs.getString("routing_rule"),
        rs.getString("routing_decision_id"), rs.getString("scoring_decision_id"),
        instant(rs, "created_at"), instant(rs, "sql_at"), instant(rs, "first_contact_at"),
        instant(rs, "opportunity_at"), instant(rs, "customer_at"),
        rs.getBigDecimal("won_amount"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
