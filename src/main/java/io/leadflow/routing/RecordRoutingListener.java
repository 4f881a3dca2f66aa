package io.leadflow.routing;

import static io.leadflow.lead.LeadVariables.*;

import io.leadflow.lead.LeadStage;
import io.leadflow.lead.Leads;
import io.leadflow.system.DecisionAudit;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * After Task_RouteLead: flattens the routing decision's result into the process variables the
 * rest of the lifecycle reads, and records on the lead which rule sent it where and why.
 *
 * <p>Analysts own the table, so its outputs are checked here rather than trusted: a lead must never
 * be lost to a typo. No matching row sends the lead to the pool; an unknown strategy or an
 * unreadable SLA falls back to the configured default, and the fallback is written into the reason.
 */
@Component("recordRoutingListener")
class RecordRoutingListener implements ExecutionListener, JavaDelegate {

  static final String DECISION_KEY = "LeadRouting";
  static final Set<String> STRATEGIES = Set.of("ROUND_ROBIN", "LOAD_BALANCED", "WEIGHTED");

  private static final Logger log = LoggerFactory.getLogger(RecordRoutingListener.class);

  private final Leads leads;
  private final RoutingProperties properties;

  RecordRoutingListener(Leads leads, RoutingProperties properties) {
    this.leads = leads;
    this.properties = properties;
  }

  /** Task_ApplyRouting: an MQL re-routed by its new score takes the new routing. */
  @Override
  public void execute(DelegateExecution execution) {
    notify(execution);
  }

  @Override
  public void notify(DelegateExecution execution) {
    long leadId = leadId(execution);
    // Task_RouteLead keeps no result variable (nothing to write and delete again): the matched
    // rule's outputs are the result. Task_Reroute keeps routingResult for its gateway.
    Optional<DecisionAudit.MatchedRule> matched =
        DecisionAudit.matchedRules(execution, DECISION_KEY).stream().findFirst();
    String rule = matched.map(DecisionAudit.MatchedRule::ruleId).orElse(null);
    @SuppressWarnings("unchecked")
    Map<String, Object> result = execution.hasVariable(ROUTING_RESULT)
        ? (Map<String, Object>) execution.getVariable(ROUTING_RESULT)
        : matched.map(DecisionAudit.MatchedRule::outputs).orElse(null);

    String team = text(result, "team");
    String reason = text(result, "reason");
    String strategy = text(result, "strategy");
    String sla = text(result, "slaDuration");
    String escalateAfter = text(result, "escalateAfter");
    if (!validDuration(escalateAfter)) {
      escalateAfter = properties.defaultEscalateAfter().toString();
    }
    LeadStage stage = stage(text(result, "stage"));
    if (team == null) {
      team = POOL_TEAM;
      reason = "NO_ROUTING_RULE_MATCHED";
    }
    if (!POOL_TEAM.equals(team)) {
      if (strategy == null || !STRATEGIES.contains(strategy.toUpperCase(Locale.ROOT))) {
        log.warn("Routing rule {} gives unknown strategy '{}'; using {}", rule, strategy,
            properties.defaultStrategy());
        reason = append(reason, "strategy '" + strategy + "' unknown, used "
            + properties.defaultStrategy());
        strategy = properties.defaultStrategy();
      }
      strategy = strategy.toUpperCase(Locale.ROOT);
      if (!validDuration(sla)) {
        log.warn("Routing rule {} gives unreadable SLA '{}'; using {}", rule, sla,
            properties.defaultSla());
        reason = append(reason, "SLA '" + sla + "' unreadable, used " + properties.defaultSla());
        sla = properties.defaultSla().toString();
      }
    } else {
      strategy = null;
      sla = validDuration(sla) ? sla : properties.defaultSla().toString();
    }

    if (execution.hasVariable(ROUTING_RESULT)) {
      execution.removeVariable(ROUTING_RESULT);
    }
    execution.setVariable(TEAM, team);
    execution.setVariable(STRATEGY, strategy);
    execution.setVariable(SLA_DURATION, sla);
    execution.setVariable(ESCALATE_AFTER, escalateAfter);
    execution.setVariable(STAGE, stage.name());
    execution.setVariable(ROUTING_RULE, rule);
    execution.setVariable(ROUTING_REASON, reason);
    leads.recordRouting(leadId, team, strategy, stage, rule, reason);
  }

  private static LeadStage stage(String value) {
    return "MQL".equalsIgnoreCase(value) ? LeadStage.MQL : LeadStage.SQL;
  }

  private static boolean validDuration(String value) {
    if (value == null) {
      return false;
    }
    try {
      return !Duration.parse(value).isNegative();
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static String text(Map<String, Object> result, String key) {
    Object value = result == null ? null : result.get(key);
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }

  private static String append(String reason, String note) {
    return reason == null ? note : reason + " (" + note + ")";
  }
}
