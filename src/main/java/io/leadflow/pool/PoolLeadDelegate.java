package io.leadflow.pool;

import static io.leadflow.models.LeadLifecycle.*;

import io.leadflow.lead.Leads;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_PoolLead: the lead goes to the public pool, routed there or because nobody was eligible. */
@Component("poolLeadDelegate")
class PoolLeadDelegate implements JavaDelegate {

  static final String ROUTED_TO_POOL = "ROUTED_TO_POOL";

  private final Leads leads;
  private final PoolPolicy policy;

  PoolLeadDelegate(Leads leads, PoolPolicy policy) {
    this.leads = leads;
    this.policy = policy;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long leadId = leadId(execution);
    String reason = (String) execution.getVariable(POOL_REASON);
    String detail = (String) execution.getVariable(POOL_DETAIL);
    if (reason == null) {
      reason = ROUTED_TO_POOL;
      detail = (String) execution.getVariable(ROUTING_REASON);
    }
    execution.setVariable(OWNER, null);
    execution.setVariable(POOL_REASON, reason);
    leads.putIntoPool(leadId, reason, detail);
    execution.setVariable(POOL_EXPIRES_AT, Date.from(policy.expiresAt()));
  }
}
