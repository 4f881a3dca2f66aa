package io.leadflow.approval;

import static io.leadflow.models.DecisionOutputs.text;
import static io.leadflow.models.LeadApproval.*;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The approval an opportunity needs, as the LeadApproval rule it matched says: which group
 * approves, how (会签 ALL, 或签 ANY), the time limit of each approval and what happens when it runs
 * out. The rule is the analysts', so it is checked: an unknown mode, an unreadable time limit or
 * an escalation without a group is refused with a message naming the problem.
 *
 * @param timeLimit an ISO-8601 duration
 * @param timeoutAction AUTO_APPROVE (the default) or ESCALATE
 */
record ApprovalRule(String approverGroup, String mode, String timeLimit, String timeoutAction,
    String escalationGroup, String reason) {

  static final String ALL = "ALL";
  static final String ANY = "ANY";
  static final String AUTO_APPROVE = "AUTO_APPROVE";
  static final String ESCALATE = "ESCALATE";

  /**
   * @param outputs the matched rule's outputs (LeadApproval's output names)
   * @throws IllegalStateException naming what is wrong with the rule
   */
  static ApprovalRule of(Map<String, Object> outputs) {
    String mode = upper(text(outputs, APPROVAL_MODE));
    String limit = text(outputs, APPROVAL_TIME_LIMIT);
    String action = upper(text(outputs, TIMEOUT_ACTION));
    String escalationGroup = text(outputs, ESCALATION_GROUP);
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
    return new ApprovalRule(text(outputs, APPROVER_GROUP), mode, limit,
        action == null ? AUTO_APPROVE : action, escalationGroup, text(outputs, REASON));
  }

  /** How the approvers decide, for the approval form. */
  String modeLabel() {
    return ALL.equals(mode)
        ? "会签：全部同意 / All must approve" : "或签：一人决定 / The first decision counts";
  }

  private static String upper(String value) {
    return value == null ? null : value.toUpperCase(Locale.ROOT);
  }

}
