package io.leadflow.pool;

import static io.leadflow.models.LeadLifecycle.*;

import io.leadflow.lead.Leads;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ExpirePoolLead: nobody claimed the lead in time; it goes to nurture (or lost). */
@Component("expirePoolLeadDelegate")
class ExpirePoolLeadDelegate implements JavaDelegate {

  private final Leads leads;
  private final PoolPolicy policy;

  ExpirePoolLeadDelegate(Leads leads, PoolPolicy policy) {
    this.leads = leads;
    this.policy = policy;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long leadId = leadId(execution);
    leads.expireFromPool(leadId, policy.expiredStage(),
        "unclaimed for " + policy.maxTimeInPool());
    execution.setVariable(STAGE, policy.expiredStage().name());
  }
}
