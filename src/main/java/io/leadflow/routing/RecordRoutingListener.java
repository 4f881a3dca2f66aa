package io.leadflow.routing;

import static io.leadflow.models.LeadLifecycle.*;

import io.leadflow.engine.DecisionAudit;
import io.leadflow.engine.DecisionAudit.DecisionVersion;
import io.leadflow.engine.DecisionAudit.MatchedRule;
import io.leadflow.lead.Leads;
import io.leadflow.models.LeadRouting;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * After Task_RouteLead (and as Task_ApplyRouting, when an MQL re-routed by its new score takes the
 * new routing): the routing decision's result, as {@link RoutingOutcome} reads it, becomes the
 * process variables the rest of the lifecycle reads, and is recorded on the lead (which rule sent
 * it where and why).
 */
@Component("recordRoutingListener")
class RecordRoutingListener implements ExecutionListener, JavaDelegate {

  private final Leads leads;
  private final RoutingProperties properties;

  RecordRoutingListener(Leads leads, RoutingProperties properties) {
    this.leads = leads;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    notify(execution);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void notify(DelegateExecution execution) {
    // Task_RouteLead keeps no result variable (nothing to write and delete again): the matched
    // rule's outputs are the result. Task_Reroute keeps routingResult for its gateway.
    Optional<MatchedRule> matched =
        DecisionAudit.matchedRules(execution, LeadRouting.DECISION_KEY).stream().findFirst();
    Map<String, Object> result = execution.hasVariable(ROUTING_RESULT)
        ? (Map<String, Object>) execution.getVariable(ROUTING_RESULT)
        : matched.map(MatchedRule::outputs).orElse(null);
    RoutingOutcome routing = RoutingOutcome.interpret(
        matched.map(MatchedRule::ruleId).orElse(null), result, properties);
    execution.removeVariable(ROUTING_RESULT);
    execution.setVariable(TEAM, routing.team());
    execution.setVariable(STRATEGY, routing.strategy());
    execution.setVariable(SLA_DURATION, routing.slaDuration());
    execution.setVariable(ESCALATE_AFTER, routing.escalateAfter());
    execution.setVariable(STAGE, routing.stage().name());
    execution.setVariable(ROUTING_RULE, routing.rule());
    execution.setVariable(ROUTING_REASON, routing.reason());
    Optional<DecisionVersion> decision =
        DecisionAudit.evaluatedVersion(execution, LeadRouting.DECISION_KEY);
    leads.recordRouting(leadId(execution), routing.team(), routing.strategy(), routing.stage(),
        routing.rule(), routing.reason(), decision.map(DecisionVersion::definitionId).orElse(null),
        decision.map(DecisionVersion::version).orElse(null));
  }
}
