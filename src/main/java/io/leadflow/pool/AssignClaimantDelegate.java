package io.leadflow.pool;

import static io.leadflow.models.LeadLifecycle.*;

import io.leadflow.lead.LeadStage;
import io.leadflow.lead.Leads;
import io.leadflow.lifecycle.FollowUpSlas;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_AssignClaimant: the claimant owns the lead now, as a lead of the team RecordClaimantListener
 * chose, with a fresh follow-up SLA.
 */
@Component("assignClaimantDelegate")
class AssignClaimantDelegate implements JavaDelegate {

  private final Leads leads;
  private final FollowUpSlas slas;

  AssignClaimantDelegate(Leads leads, FollowUpSlas slas) {
    this.leads = leads;
    this.slas = slas;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long leadId = leadId(execution);
    String claimant = (String) execution.getVariable(CLAIMANT);
    FollowUpSlas.Sla sla = slas.startNow((String) execution.getVariable(SLA_DURATION));
    leads.claim(leadId, claimant, (String) execution.getVariable(TEAM), sla.dueAt());
    execution.setVariable(OWNER, claimant);
    execution.setVariable(STAGE, LeadStage.SQL.name());
    execution.setVariable(SLA_DUE_AT, Date.from(sla.dueAt()));
    execution.setVariable(SLA_REMINDER_AT, Date.from(sla.remindAt()));
    execution.removeVariable(POOL_REASON);
    execution.removeVariable(POOL_DETAIL);
  }
}
