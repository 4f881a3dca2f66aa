package io.leadflow.approval;

import static io.leadflow.lead.LeadVariables.*;

import io.leadflow.lead.Forms;
import io.leadflow.lead.Leads;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** The service tasks of OpportunityApproval.bpmn. */
final class ApprovalDelegates {

  static final String ALL = "ALL";
  static final String ANY = "ANY";
  static final String ESCALATE = "ESCALATE";
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
    public void execute(DelegateExecution execution) {
      @SuppressWarnings("unchecked")
      Map<String, Object> rule = (Map<String, Object>) execution.getVariable(APPROVAL_RULE);
      String group = text(rule, "approverGroup");
      String mode = text(rule, APPROVAL_MODE);
      mode = mode == null ? null : mode.toUpperCase(Locale.ROOT);
      String limit = text(rule, APPROVAL_TIME_LIMIT);
      String action = text(rule, TIMEOUT_ACTION);
      action = action == null ? "AUTO_APPROVE" : action.toUpperCase(Locale.ROOT);
      String escalationGroup = text(rule, ESCALATION_GROUP);
      if (!ALL.equals(mode) && !ANY.equals(mode)) {
        throw new IllegalStateException("LeadApproval: approvalMode must be ALL or ANY, was "
            + mode);
      }
      try {
        Duration.parse(limit);
      } catch (RuntimeException e) {
        throw new IllegalStateException("LeadApproval: approvalTimeLimit must be an ISO-8601 "
            + "duration, was " + limit, e);
      }
      if (ESCALATE.equals(action) && escalationGroup == null) {
        throw new IllegalStateException("LeadApproval: ESCALATE needs an escalationGroup");
      }
      List<String> approvers = group == null ? List.of() : identity.createUserQuery()
          .memberOfGroup(group).orderByUserId().asc().list().stream().map(User::getId).toList();
      if (approvers.isEmpty()) {
        throw new IllegalStateException("LeadApproval: approver group " + group
            + " has no members");
      }
      execution.setVariable(APPROVERS, approvers);
      execution.setVariable(APPROVAL_MODE, mode);
      execution.setVariable(APPROVAL_MODE_LABEL, ALL.equals(mode)
          ? "会签：全部同意 / All must approve" : "或签：一人决定 / The first decision counts");
      execution.setVariable(APPROVAL_REASON, text(rule, "reason"));
      execution.setVariable(APPROVAL_TIME_LIMIT, limit);
      execution.setVariable(TIMEOUT_ACTION, action);
      execution.setVariable(ESCALATION_GROUP, escalationGroup);
      execution.setVariable(APPROVAL_REJECTIONS, 0);
      execution.setVariable(APPROVED, false);
      execution.setVariable(APPROVAL_SUMMARY, "");
    }

    private static String text(Map<String, Object> rule, String key) {
      Object value = rule == null ? null : rule.get(key);
      return value == null || value.toString().isBlank() ? null : value.toString().trim();
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
