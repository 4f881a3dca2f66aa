package io.leadflow.assignment;

import static io.leadflow.models.LeadLifecycle.*;

import io.leadflow.lead.Leads;
import io.leadflow.lifecycle.FollowUpSlas;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_AssignOwner: picks the owner by the team's strategy and starts the follow-up SLA (and
 * its reminder). Nobody
 * eligible leaves owner empty and the reason in poolReason/poolDetail, and the model routes the
 * lead to the pool.
 */
@Component("assignOwnerDelegate")
class AssignOwnerDelegate implements JavaDelegate {

  private final Assignments assignments;
  private final Leads leads;
  private final FollowUpSlas slas;

  AssignOwnerDelegate(Assignments assignments, Leads leads, FollowUpSlas slas) {
    this.assignments = assignments;
    this.leads = leads;
    this.slas = slas;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long leadId = leadId(execution);
    String team = (String) execution.getVariable(TEAM);
    AssignmentStrategy strategy = AssignmentStrategy.valueOf((String) execution.getVariable(STRATEGY));
    Assignments.Assignment assignment = assignments.assign(team, strategy);
    if (assignment.owner() == null) {
      execution.setVariable(OWNER, null);
      execution.setVariable(POOL_REASON, Assignments.NO_ELIGIBLE_REP);
      execution.setVariable(POOL_DETAIL, assignment.reason());
      return;
    }
    FollowUpSlas.Sla sla = slas.startNow((String) execution.getVariable(SLA_DURATION));
    execution.setVariable(OWNER, assignment.owner());
    execution.setVariable(SLA_DUE_AT, Date.from(sla.dueAt()));
    execution.setVariable(SLA_REMINDER_AT, Date.from(sla.remindAt()));
    leads.assign(leadId, assignment.owner(), sla.dueAt(), assignment.reason());
  }
}
