package io.leadflow.lifecycle;

import static io.leadflow.models.LeadLifecycle.leadId;

import io.leadflow.lead.Leads;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * On Timer_SlaReminder: the owner has not followed up yet and part of the SLA is gone. Recorded
 * on the lead (and so announced) in the timer's transaction; its escalation has Task_Notify send
 * it.
 */
@Component("remindOwnerListener")
class RemindOwnerListener implements ExecutionListener {

  private final Leads leads;

  RemindOwnerListener(Leads leads) {
    this.leads = leads;
  }

  @Override
  public void notify(DelegateExecution execution) {
    leads.remindOwner(leadId(execution));
  }
}
