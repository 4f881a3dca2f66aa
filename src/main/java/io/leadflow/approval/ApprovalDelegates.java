package io.leadflow.approval;

import static io.leadflow.models.LeadLifecycle.APPROVAL_RULE;
import static io.leadflow.models.LeadLifecycle.leadId;
import static io.leadflow.models.OpportunityApproval.*;

import io.leadflow.lead.Leads;
import io.leadflow.models.Forms;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** The service tasks of OpportunityApproval.bpmn. */
final class ApprovalDelegates {

  /** Who decided when the time limit ran out and the rule says AUTO_APPROVE. */
  static final String TIMEOUT_APPROVER = "timeout";

  private ApprovalDelegates() {}

  /**
   * Task_PrepareApproval: reads the approval rule the opportunity matched, and makes every member
   * of the approver group an approver (in user-id order). The rule is the analysts', so it is
   * checked: an unknown mode, an unreadable time limit or an empty group stops here with an
   * incident naming the problem rather than approving nothing.
   */
  @Component("prepareApprovalDelegate")
  static class Prepare implements JavaDelegate {
    private final IdentityService identity;

    Prepare(IdentityService identity) {
      this.identity = identity;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void execute(DelegateExecution execution) {
      ApprovalRule rule = ApprovalRule.of((Map<String, Object>) execution.getVariable(APPROVAL_RULE));
      List<String> approvers = rule.approverGroup() == null ? List.of() : identity
          .createUserQuery().memberOfGroup(rule.approverGroup()).orderByUserId().asc().list()
          .stream().map(User::getId).toList();
      if (approvers.isEmpty()) {
        throw new IllegalStateException("LeadApproval: approver group " + rule.approverGroup()
            + " has no members");
      }
      execution.setVariable(APPROVERS, approvers);
      execution.setVariable(APPROVAL_MODE, rule.mode());
      execution.setVariable(APPROVAL_MODE_LABEL, rule.modeLabel());
      execution.setVariable(APPROVAL_REASON, rule.reason());
      execution.setVariable(APPROVAL_TIME_LIMIT, rule.timeLimit());
      execution.setVariable(TIMEOUT_ACTION, rule.timeoutAction());
      execution.setVariable(ESCALATION_GROUP, rule.escalationGroup());
      execution.setVariable(APPROVAL_REJECTIONS, 0);
      execution.setVariable(APPROVED, false);
      execution.setVariable(APPROVAL_SUMMARY, "");
    }
  }

  /**
   * Task_RecordApproval, Task_RecordEscalatedApproval and Task_AutoApprove: one decision, kept on
   * the lead; the approval stands as long as nobody rejected (会签: all approved; 或签: the first
   * decision, as the multi-instance completes after it).
   */
  @Component("recordApprovalDelegate")
  static class Record implements JavaDelegate {
    private final Leads leads;

    Record(Leads leads) {
      this.leads = leads;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String decision =
          Forms.choice(execution, APPROVAL_DECISION, Set.of("approved", "rejected"));
      boolean approved = decision.equals("approved");
      String approver = String.valueOf(execution.getVariable(APPROVER));
      String comment = (String) execution.getVariable(APPROVAL_COMMENT);
      long leadId = leadId(execution);
      leads.recordApproval(leadId, approver, approved, comment);

      int rejections = ((Number) execution.getVariable(APPROVAL_REJECTIONS)).intValue()
          + (approved ? 0 : 1);
      execution.setVariable(APPROVAL_REJECTIONS, rejections);
      execution.setVariable(APPROVED, rejections == 0);
      String line = approver + ": " + (approved ? "同意 / approved" : "驳回 / rejected")
          + (comment == null || comment.isBlank() ? "" : " — " + comment.trim());
      String summary = (String) execution.getVariable(APPROVAL_SUMMARY);
      execution.setVariable(APPROVAL_SUMMARY,
          summary == null || summary.isEmpty() ? line : summary + "\n" + line);
    }
  }
}
