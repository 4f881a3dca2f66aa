package io.leadflow.scoring;

import static io.leadflow.models.LeadLifecycle.*;

import io.leadflow.engine.DecisionAudit;
import io.leadflow.engine.DecisionAudit.DecisionVersion;
import io.leadflow.lead.Leads;
import io.leadflow.lead.ScoreItem;
import io.leadflow.models.LeadScoring;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * After Task_ScoreLead: keeps the score and the rules that made it on the lead. The table's SUM is
 * empty when no rule matches; that is a score of 0.
 */
@Component("recordScoreListener")
class RecordScoreListener implements ExecutionListener {

  private final Leads leads;

  RecordScoreListener(Leads leads) {
    this.leads = leads;
  }

  @Override
  public void notify(DelegateExecution execution) {
    long leadId = leadId(execution);
    Object sum = execution.getVariable(SCORE);
    int score = sum instanceof Number n ? n.intValue() : 0;
    List<ScoreItem> items = DecisionAudit.matchedRules(execution, LeadScoring.DECISION_KEY).stream()
        .map(rule -> new ScoreItem(rule.ruleId(), rule.description(),
            rule.outputs().get(LeadScoring.POINTS) instanceof Number n ? n.intValue() : 0))
        .toList();
    execution.setVariable(SCORE, score);
    execution.setVariable(SCORE_SUMMARY, items.isEmpty() ? "0" : items.stream()
        .map(i -> (i.description() != null ? i.description() : i.ruleId()) + " +" + i.points())
        .collect(Collectors.joining("; ")));
    Object cause = execution.getVariable(SCORE_CAUSE);
    Optional<DecisionVersion> decision =
        DecisionAudit.evaluatedVersion(execution, LeadScoring.DECISION_KEY);
    leads.recordScore(leadId, score, items, decision.map(DecisionVersion::definitionId).orElse(null),
        decision.map(DecisionVersion::version).orElse(null),
        cause == null ? "INTAKE" : cause.toString());
  }
}
