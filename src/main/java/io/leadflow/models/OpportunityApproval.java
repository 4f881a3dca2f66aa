package io.leadflow.models;

/**
 * The contract with {@code processes/OpportunityApproval.bpmn}, called by LeadLifecycle's
 * CallActivity_Approval with the lead's variables and LeadApproval's rule.
 */
public final class OpportunityApproval {

  private OpportunityApproval() {}

  public static final String PROCESS_KEY = "OpportunityApproval";

  // --- Set by Task_PrepareApproval from the rule
  public static final String APPROVERS = "approvers";
  /** One approver of the multi-instance approval. */
  public static final String APPROVER = "approver";
  public static final String APPROVAL_MODE = "approvalMode";
  public static final String APPROVAL_MODE_LABEL = "approvalModeLabel";
  public static final String APPROVAL_REASON = "approvalReason";
  public static final String APPROVAL_TIME_LIMIT = "approvalTimeLimit";
  public static final String TIMEOUT_ACTION = "timeoutAction";
  public static final String ESCALATION_GROUP = "escalationGroup";

  // --- The approval form (local to one approval)
  /** approved | rejected. */
  public static final String APPROVAL_DECISION = "approvalDecision";
  public static final String APPROVAL_COMMENT = "approvalComment";
  public static final String APPROVAL_REJECTIONS = "approvalRejections";

  // --- The result, back in LeadLifecycle
  public static final String APPROVED = "approved";
  public static final String APPROVAL_SUMMARY = "approvalSummary";
}
