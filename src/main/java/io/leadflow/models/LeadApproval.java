package io.leadflow.models;

/**
 * The contract with {@code decisions/LeadApproval.dmn} (FIRST): whether an opportunity needs
 * approval, by whom, how (会签 ALL or 或签 ANY), within which time and what happens after it.
 */
public final class LeadApproval {

  private LeadApproval() {}

  public static final String DECISION_KEY = "LeadApproval";

  // --- Outputs
  public static final String APPROVAL_REQUIRED = "approvalRequired";
  public static final String APPROVER_GROUP = "approverGroup";
  /** ALL (会签: everyone approves) or ANY (或签: the first decision counts). */
  public static final String APPROVAL_MODE = "approvalMode";
  /** An ISO-8601 duration. */
  public static final String APPROVAL_TIME_LIMIT = "approvalTimeLimit";
  /** AUTO_APPROVE or ESCALATE (the default is AUTO_APPROVE). */
  public static final String TIMEOUT_ACTION = "timeoutAction";
  public static final String ESCALATION_GROUP = "escalationGroup";
  public static final String REASON = "reason";
}
