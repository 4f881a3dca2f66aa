package io.leadflow.lead;

import static io.leadflow.lead.LeadVariables.*;

import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordFollowUp: the follow-up form's outcome moves the lead's stage. */
@Component("recordFollowUpDelegate")
class RecordFollowUpDelegate implements JavaDelegate {

  static final Map<String, LeadStage> STAGE_BY_OUTCOME = Map.of(
      "contacted", LeadStage.CONTACTED,
      "qualified", LeadStage.QUALIFIED,
      "disqualified", LeadStage.LOST);

  private final Leads leads;

  RecordFollowUpDelegate(Leads leads) {
    this.leads = leads;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long leadId = ((Number) execution.getVariable(LEAD_ID)).longValue();
    Object outcome = execution.getVariable(OUTCOME);
    LeadStage stage = outcome == null ? null
        : STAGE_BY_OUTCOME.get(outcome.toString().toLowerCase(Locale.ROOT));
    if (stage == null) {
      throw new IllegalArgumentException("outcome must be one of " + STAGE_BY_OUTCOME.keySet()
          + ", was " + outcome);
    }
    execution.setVariable(OUTCOME, outcome.toString().toLowerCase(Locale.ROOT));
    execution.setVariable(STAGE, stage.name());
    leads.recordFollowUp(leadId, stage, (String) execution.getVariable(OWNER),
        (String) execution.getVariable(NOTES));
  }
}
