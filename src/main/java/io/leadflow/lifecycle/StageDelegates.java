package io.leadflow.lifecycle;

import static io.leadflow.models.LeadLifecycle.*;

import io.leadflow.lead.LeadStage;
import io.leadflow.lead.Leads;
import io.leadflow.lead.LostReason;
import io.leadflow.models.Forms;
import java.math.BigDecimal;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The service tasks that move a lead through its stages, each writing through {@link Leads}. */
final class StageDelegates {

  private StageDelegates() {}

  /** The form's or the API's lost reason; OTHER when none was given. */
  static LostReason lostReason(DelegateExecution execution) {
    Object reason = execution.getVariable(LOST_REASON);
    return reason == null || reason.toString().isBlank() ? LostReason.OTHER
        : Forms.enumValue(LostReason.class, LOST_REASON, reason);
  }

  /**
   * Start of Task_Qualify, Task_DevelopOpportunity and Task_Proposal: each form starts empty,
   * not with the previous form's outcome and notes.
   */
  @Component("clearFormListener")
  static class ClearForm implements org.camunda.bpm.engine.delegate.ExecutionListener {
    @Override
    public void notify(DelegateExecution execution) {
      execution.removeVariable(OUTCOME);
      execution.removeVariable(NOTES);
      execution.removeVariable(LOST_REASON);
    }
  }

  /** Task_RecordQualification: the qualify form's outcome picks the way on. */
  @Component("recordQualificationDelegate")
  static class RecordQualification implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
      execution.setVariable(OUTCOME,
          Forms.choice(execution, OUTCOME, Set.of("qualified", "disqualified")));
    }
  }

  /** Task_MarkOpportunity: the rep qualified the lead; it is an opportunity now. */
  @Component("markOpportunityDelegate")
  static class MarkOpportunity implements JavaDelegate {
    private final Leads leads;

    MarkOpportunity(Leads leads) {
      this.leads = leads;
    }

    @Override
    public void execute(DelegateExecution execution) {
      leads.qualify(leadId(execution), (String) execution.getVariable(OWNER),
          (String) execution.getVariable(NOTES));
      execution.setVariable(STAGE, LeadStage.OPPORTUNITY.name());
      execution.setVariable(NEEDS_ATTENTION, false);
    }
  }

  /** Task_RecordOpportunity: keeps the estimated amount the approval rule reads. */
  @Component("recordOpportunityDelegate")
  static class RecordOpportunity implements JavaDelegate {
    private final Leads leads;

    RecordOpportunity(Leads leads) {
      this.leads = leads;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String outcome = Forms.choice(execution, OUTCOME, Set.of("propose", "lost"));
      if ("propose".equals(outcome)) {
        Number number = Forms.amount(execution, ESTIMATED_AMOUNT, "go to the proposal");
        leads.estimate(leadId(execution), new BigDecimal(number.toString()),
            (String) execution.getVariable(OWNER));
        // The decision reads a double whatever the form sent (long, double).
        execution.setVariable(ESTIMATED_AMOUNT, number.doubleValue());
      }
      execution.setVariable(OUTCOME, outcome);
    }
  }

  /** Task_RecordProposal: won or lost. */
  @Component("recordProposalDelegate")
  static class RecordProposal implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
      String outcome = Forms.choice(execution, OUTCOME, Set.of("won", "lost"));
      if ("won".equals(outcome)) {
        Forms.amount(execution, WON_AMOUNT, "close as won");
      }
      execution.setVariable(OUTCOME, outcome);
    }
  }

  /**
   * Task_CloseWon, Task_CloseLost and Task_CloseOnRequest: the lead ends as CUSTOMER (with the
   * contract amount) or LOST (with the reason code; OTHER when none was given).
   */
  @Component("closeLeadDelegate")
  static class CloseLead implements JavaDelegate {
    private final Leads leads;

    CloseLead(Leads leads) {
      this.leads = leads;
    }

    @Override
    public void execute(DelegateExecution execution) {
      long leadId = leadId(execution);
      Object by = execution.getVariable(CLOSED_BY);
      String rep = by != null ? by.toString() : (String) execution.getVariable(OWNER);
      String notes = (String) execution.getVariable(NOTES);
      if ("WON".equals(String.valueOf(execution.getVariable(CLOSE_AS)))) {
        Object amount = execution.getVariable(WON_AMOUNT);
        leads.win(leadId, amount instanceof Number n ? new BigDecimal(n.toString()) : null, rep,
            notes);
        execution.setVariable(STAGE, LeadStage.CUSTOMER.name());
      } else {
        leads.lose(leadId, lostReason(execution), rep, notes);
        execution.setVariable(STAGE, LeadStage.LOST.name());
      }
    }
  }

  /**
   * Timer_QualifyStalled / Timer_OpportunityStalled: the stage has not moved for escalateAfter
   * since first contact; the lead is flagged and the team's managers alerted. The owner keeps it.
   */
  @Component("flagAttentionDelegate")
  static class FlagAttention implements JavaDelegate {
    private final Leads leads;

    FlagAttention(Leads leads) {
      this.leads = leads;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Object after = execution.getVariable(ESCALATE_AFTER);
      leads.flagAttention(leadId(execution), "no progress for " + after);
      execution.setVariable(NEEDS_ATTENTION, true);
    }
  }
}
