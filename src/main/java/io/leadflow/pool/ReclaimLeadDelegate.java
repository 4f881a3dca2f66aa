package io.leadflow.pool;

import static io.leadflow.models.LeadLifecycle.*;

import io.leadflow.lead.Leads;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ReclaimLead: the follow-up SLA ran out; the owner loses the lead to the public pool. */
@Component("reclaimLeadDelegate")
class ReclaimLeadDelegate implements JavaDelegate {

  static final String SLA_MISSED = "SLA_MISSED";

  private final Leads leads;
  private final PoolPolicy policy;

  ReclaimLeadDelegate(Leads leads, PoolPolicy policy) {
    this.leads = leads;
    this.policy = policy;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long leadId = leadId(execution);
    leads.reclaim(leadId, SLA_MISSED);
    execution.setVariable(POOL_EXPIRES_AT, Date.from(policy.expiresAt()));
    execution.setVariable(OWNER, null);
    execution.setVariable(SLA_DUE_AT, null);
    execution.setVariable(SLA_REMINDER_AT, null);
    execution.setVariable(POOL_REASON, SLA_MISSED);
    execution.removeVariable(POOL_DETAIL);
  }
}
