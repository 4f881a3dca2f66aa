package io.leadflow.routing;

import static io.leadflow.models.DecisionOutputs.text;
import static io.leadflow.models.LeadRouting.*;

import io.leadflow.assignment.AssignmentStrategy;
import io.leadflow.lead.LeadStage;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the routing decision's result means for a lead: the team (or the pool), how the team
 * assigns it, its follow-up SLA and escalation time, its stage, the rule that matched and why.
 *
 * <p>Analysts own the table, so its outputs are checked rather than trusted: a lead must never be
 * lost to a typo. No matching rule sends the lead to the pool; an unknown strategy or an unreadable
 * SLA falls back to the configured default, and the fallback is written into the reason.
 *
 * @param strategy the strategy's name, null for the pool
 * @param slaDuration an ISO-8601 duration
 * @param escalateAfter an ISO-8601 duration
 */
public record RoutingOutcome(String team, String strategy, String slaDuration,
    String escalateAfter, LeadStage stage, String rule, String reason) {

  static final String NO_RULE_MATCHED = "NO_ROUTING_RULE_MATCHED";

  private static final Logger log = LoggerFactory.getLogger(RoutingOutcome.class);

  public boolean pooled() {
    return POOL_TEAM.equals(team);
  }

  /**
   * @param rule the id of the rule that matched, null if none did
   * @param outputs that rule's outputs (LeadRouting's output names), null if none matched
   */
  public static RoutingOutcome interpret(String rule, Map<String, Object> outputs,
      RoutingProperties defaults) {
    return interpret(rule, outputs, defaults, true);
  }

  /** An output of a routing rule LeadFlow would not take as it is, and why. */
  public record OutputProblem(String output, String message) {}

  /**
   * What is wrong with a routing rule's outputs, as {@link #interpret} reads them: no team, a team
   * {@code knownTeam} does not know, a strategy, SLA or escalation time interpret would replace
   * by its fallback, a stage that is neither MQL nor SQL. Empty when the rule is taken as it is.
   * For the checks before a table is deployed.
   */
  public static List<OutputProblem> problems(String rule, Map<String, Object> outputs,
      RoutingProperties defaults, Predicate<String> knownTeam) {
    List<OutputProblem> problems = new ArrayList<>();
    RoutingOutcome outcome = interpret(rule, outputs, defaults, false);
    String team = text(outputs, TEAM);
    if (team == null) {
      problems.add(new OutputProblem(TEAM, "gives no team (a lead would go to the pool as "
          + NO_RULE_MATCHED + ")"));
    } else if (!outcome.pooled() && !knownTeam.test(team)) {
      problems.add(new OutputProblem(TEAM, "team '" + team + "' is not a team of LeadFlow's"));
    }
    String stage = text(outputs, STAGE);
    if (stage != null && !stage.equalsIgnoreCase("MQL") && !stage.equalsIgnoreCase("SQL")) {
      problems.add(new OutputProblem(STAGE, "stage '" + stage + "' is neither MQL nor SQL"));
    }
    String escalateAfter = text(outputs, ESCALATE_AFTER);
    if (escalateAfter != null && !escalateAfter.equals(outcome.escalateAfter())) {
      problems.add(new OutputProblem(ESCALATE_AFTER, "'" + escalateAfter
          + "' is no ISO-8601 duration (such as PT48H)"));
    }
    if (team == null || outcome.pooled()) {
      return problems;
    }
    String strategy = text(outputs, STRATEGY);
    if (strategy == null || !strategy.toUpperCase(Locale.ROOT).equals(outcome.strategy())) {
      problems.add(new OutputProblem(STRATEGY, "strategy '" + strategy + "' is unknown ("
          + Arrays.stream(AssignmentStrategy.values()).map(Enum::name)
              .collect(Collectors.joining(", ")) + ")"));
    }
    String sla = text(outputs, SLA_DURATION);
    if (sla == null || !sla.equals(outcome.slaDuration())) {
      problems.add(new OutputProblem(SLA_DURATION, "SLA '" + sla
          + "' is no ISO-8601 duration (such as PT24H)"));
    }
    return problems;
  }

  private static RoutingOutcome interpret(String rule, Map<String, Object> outputs,
      RoutingProperties defaults, boolean logged) {
    String team = text(outputs, TEAM);
    String reason = text(outputs, REASON);
    String strategy = text(outputs, STRATEGY);
    String sla = text(outputs, SLA_DURATION);
    String escalateAfter = text(outputs, ESCALATE_AFTER);
    if (!validDuration(escalateAfter)) {
      escalateAfter = defaults.defaultEscalateAfter().toString();
    }
    LeadStage stage = "MQL".equalsIgnoreCase(text(outputs, STAGE)) ? LeadStage.MQL : LeadStage.SQL;
    if (team == null) {
      team = POOL_TEAM;
      reason = NO_RULE_MATCHED;
    }
    if (POOL_TEAM.equals(team)) {
      return new RoutingOutcome(team, null,
          validDuration(sla) ? sla : defaults.defaultSla().toString(), escalateAfter, stage, rule,
          reason);
    }
    if (!knownStrategy(strategy)) {
      if (logged) {
        log.warn("Routing rule {} gives unknown strategy '{}'; using {}", rule, strategy,
            defaults.defaultStrategy());
      }
      reason = append(reason, "strategy '" + strategy + "' unknown, used "
          + defaults.defaultStrategy());
      strategy = defaults.defaultStrategy();
    }
    if (!validDuration(sla)) {
      if (logged) {
        log.warn("Routing rule {} gives unreadable SLA '{}'; using {}", rule, sla,
            defaults.defaultSla());
      }
      reason = append(reason, "SLA '" + sla + "' unreadable, used " + defaults.defaultSla());
      sla = defaults.defaultSla().toString();
    }
    return new RoutingOutcome(team, strategy.toUpperCase(Locale.ROOT), sla, escalateAfter, stage,
        rule, reason);
  }

  /** ROUND_ROBIN, LOAD_BALANCED or WEIGHTED, in any letter case. */
  static boolean knownStrategy(String value) {
    return value != null && Arrays.stream(AssignmentStrategy.values())
        .anyMatch(s -> s.name().equals(value.toUpperCase(Locale.ROOT)));
  }

  /** A readable ISO-8601 duration, not negative. */
  static boolean validDuration(String value) {
    if (value == null) {
      return false;
    }
    try {
      return !Duration.parse(value).isNegative();
    } catch (DateTimeParseException e) {
      return false;
    }
  }


  private static String append(String reason, String note) {
    return reason == null ? note : reason + " (" + note + ")";
  }
}
