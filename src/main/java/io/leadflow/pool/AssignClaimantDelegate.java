package io.leadflow.pool;

import static io.leadflow.lead.LeadVariables.*;

import io.leadflow.lead.Leads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_AssignClaimant: the claimant owns the lead now, with a fresh follow-up SLA. */
@Component("assignClaimantDelegate")
class AssignClaimantDelegate implements JavaDelegate {

  private final Leads leads;
  private final Clock clock;

  AssignClaimantDelegate(Leads leads, Clock clock) {
    this.leads = leads;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long leadId = ((Number) execution.getVariable(LEAD_ID)).longValue();
    String claimant = (String) execution.getVariable(CLAIMANT);
    Instant due = clock.instant().plus(Duration.parse((String) execution.getVariable(SLA_DURATION)));
    leads.claim(leadId, claimant, due);
    execution.setVariable(OWNER, claimant);
    execution.setVariable(SLA_DUE_AT, Date.from(due));
    execution.removeVariable(POOL_REASON);
    execution.removeVariable(POOL_DETAIL);
  }
}
