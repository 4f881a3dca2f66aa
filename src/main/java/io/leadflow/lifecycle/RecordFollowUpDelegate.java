package io.leadflow.lifecycle;

import static io.leadflow.models.LeadLifecycle.*;

import io.leadflow.lead.ContactChannel;
import io.leadflow.lead.Leads;
import io.leadflow.models.Forms;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_RecordFollowUp: the follow-up form is the owner's first contact (how they reached the lead
 * is kept, and its time is the lead's first response); the outcome picks the way on
 * (Gateway_FollowUpOutcome).
 */
@Component("recordFollowUpDelegate")
class RecordFollowUpDelegate implements JavaDelegate {

  static final Set<String> OUTCOMES = Set.of("contacted", "qualified", "disqualified");

  private final Leads leads;

  RecordFollowUpDelegate(Leads leads) {
    this.leads = leads;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String outcome = Forms.choice(execution, OUTCOME, OUTCOMES);
    Object channel = execution.getVariable(CONTACT_CHANNEL);
    if (channel != null && !channel.toString().isBlank()) {
      recordFirstContact(execution,
          Forms.enumValue(ContactChannel.class, CONTACT_CHANNEL, channel));
    }
    execution.setVariable(OUTCOME, outcome);
    if (execution.getBpmnModelInstance().getModelElementById(TASK_MARK_OPPORTUNITY) == null) {
      onTheFirstModel(execution, outcome);
    }
  }

  private void recordFirstContact(DelegateExecution execution, ContactChannel channel) {
    long leadId = leadId(execution);
    leads.recordContact(leadId, channel, (String) execution.getVariable(OWNER),
        (String) execution.getVariable(NOTES), null);
    Instant first = leads.get(leadId).getFirstContactAt();
    execution.setVariable(FIRST_CONTACT_AT, first == null ? null : Date.from(first));
  }

  /**
   * A lead still on the first version of the model, which ends after this task: its outcome moves
   * the stage here, as it did then.
   */
  private void onTheFirstModel(DelegateExecution execution, String outcome) {
    String owner = (String) execution.getVariable(OWNER);
    String notes = (String) execution.getVariable(NOTES);
    if (outcome.equals("qualified")) {
      leads.qualify(leadId(execution), owner, notes);
    } else if (outcome.equals("disqualified")) {
      leads.lose(leadId(execution), StageDelegates.lostReason(execution), owner, notes);
    }
  }
}
