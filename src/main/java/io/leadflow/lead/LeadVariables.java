package io.leadflow.lead;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The one place for the names of LeadLifecycle's process variables, used by delegates, listeners
 * and tests alike. The DMN tables and the BPMN/forms refer to the same names; change them together.
 */
public final class LeadVariables {

  private LeadVariables() {}

  /** Id of the lead row; the process instance's business key is the same id as text. */
  public static final String LEAD_ID = "leadId";

  /** The lead's id from an execution's or a task's variables. */
  public static long leadId(VariableScope scope) {
    return ((Number) scope.getVariable(LEAD_ID)).longValue();
  }

  // --- Facts shown in the forms and used as decision inputs
  public static final String LEAD_NAME = "leadName";
  public static final String COMPANY = "company";
  public static final String EMAIL = "email";
  public static final String PHONE = "phone";
  public static final String SOURCE = "source";
  public static final String REGION = "region";
  public static final String CITY = "city";
  public static final String INDUSTRY = "industry";
  public static final String PRODUCT = "product";
  public static final String COMPANY_SIZE = "companySize";
  public static final String BUDGET = "budget";
  public static final String DECISION_MAKER = "decisionMaker";
  public static final String PRICING_PAGE_VIEWS = "pricingPageViews";
  public static final String CASE_STUDY_DOWNLOADS = "caseStudyDownloads";
  public static final String WEBSITE_VISITS_LAST_30_DAYS = "websiteVisitsLast30Days";
  public static final String ATTRIBUTES = "attributes";

  // --- Scoring (decisions/LeadScoring.dmn, COLLECT + SUM). The rules that matched each decision
  // are kept by system.DecisionAudit in "<decisionKey>MatchedRules".
  public static final String SCORE = "score";
  /** A human-readable score breakdown for the forms, e.g. "合作伙伴推荐 / Partner referral +20; ...". */
  public static final String SCORE_SUMMARY = "scoreSummary";
  /** What made the score change, for the score history: INTAKE or "ACTIVITY <type>". */
  public static final String SCORE_CAUSE = "scoreCause";
  public static final String WEBINARS_ATTENDED = "webinarsAttended";

  // --- Routing (decisions/LeadRouting.dmn, FIRST)
  /** The routing decision's single result (a map), flattened into the variables below. */
  public static final String ROUTING_RESULT = "routingResult";
  public static final String ROUTING_RULE = "routingRule";
  public static final String TEAM = "team";
  public static final String STRATEGY = "strategy";
  public static final String SLA_DURATION = "slaDuration";
  public static final String STAGE = "stage";
  public static final String ROUTING_REASON = "routingReason";
  /**
   * ISO-8601 duration: how long a stage may stand still after first contact before the lead is
   * flagged needsAttention and the managers are alerted (Timer_*Stalled).
   */
  public static final String ESCALATE_AFTER = "escalateAfter";

  /** The routing decision's team value that means "no team: straight to the public pool". */
  public static final String POOL_TEAM = "pool";

  // --- Assignment, SLA and pool
  /** The owning rep's user id, or null while the lead is in the pool. */
  public static final String OWNER = "owner";
  /** Why the lead went to the pool (ROUTED_TO_POOL, NO_ELIGIBLE_REP, SLA_MISSED). */
  public static final String POOL_REASON = "poolReason";
  /** What the assignment found when nobody was eligible (the skipped reps and why). */
  public static final String POOL_DETAIL = "poolDetail";
  /** When the follow-up SLA runs out (java.util.Date): task due date and timer date. */
  public static final String SLA_DUE_AT = "slaDueAt";
  /** When the owner is reminded of the follow-up (java.util.Date): the reminder timer's date. */
  public static final String SLA_REMINDER_AT = "slaReminderAt";
  /** Task-local on Task_FollowUp: who reassigns it through the API, and why. */
  public static final String REASSIGNED_BY = "reassignedBy";
  public static final String REASSIGN_REASON = "reassignReason";
  /** Message that starts the reassignment's notification (SubProcess_Reassigned). */
  public static final String MESSAGE_REASSIGNED = "LeadReassigned";
  /** When a pooled lead nobody claims leaves the pool (java.util.Date): Timer_PoolExpired. */
  public static final String POOL_EXPIRES_AT = "poolExpiresAt";
  /** The rep who completed the pool task. */
  public static final String CLAIMANT = "claimant";

  // --- Notifications
  /** Input of each Task_Notify*: which notification it sends (a NotificationEvent name). */
  public static final String NOTIFICATION_EVENT = "notificationEvent";

  // --- Forms: follow-up (contacted | qualified | disqualified), qualify (qualified |
  // disqualified), develop opportunity (propose | lost), proposal (won | lost)
  public static final String OUTCOME = "outcome";
  public static final String NOTES = "notes";
  /** How the rep reached the lead (a ContactChannel name): the follow-up form's first contact. */
  public static final String CONTACT_CHANNEL = "contactChannel";
  /** A LostReason name, for disqualified and lost outcomes. */
  public static final String LOST_REASON = "lostReason";
  /** When the owner first reached the lead (java.util.Date), shown in the later forms. */
  public static final String FIRST_CONTACT_AT = "firstContactAt";
  /** True while the stage has stood still too long (Timer_*Stalled); cleared when it moves. */
  public static final String NEEDS_ATTENTION = "needsAttention";
  public static final String ESTIMATED_AMOUNT = "estimatedAmount";
  public static final String WON_AMOUNT = "wonAmount";

  // --- Messages correlated by the API (business key = lead id)
  /** An activity (page view, download, visit, webinar): re-scores the lead (SubProcess_Activity). */
  public static final String MESSAGE_ACTIVITY = "LeadActivity";
  /** The re-scored MQL is SQL now: it leaves the pool to be assigned (Message_BecameSql). */
  public static final String MESSAGE_BECAME_SQL = "LeadBecameSql";
  /** The rep's first contact: ends the follow-up under SLA (Message_FirstContact). */
  public static final String MESSAGE_FIRST_CONTACT = "LeadFirstContact";
  /** Closes the lead from any stage (SubProcess_Closed): won or lost. */
  public static final String MESSAGE_CLOSED = "LeadClosed";
  /** New tags that may ask other teams for help (SubProcess_Tagged). */
  public static final String MESSAGE_TAGGED = "LeadTagged";

  // --- Closing (Task_CloseWon, Task_CloseLost, SubProcess_Closed)
  /** WON or LOST: input of Task_Close* and the LeadClosed message. */
  public static final String CLOSE_AS = "closeAs";
  /** Who closed the lead through the API. */
  public static final String CLOSED_BY = "closedBy";

  // --- Cross-team collaboration (decisions/LeadCollaboration.dmn, one per tag)
  public static final String COLLABORATION_DECISION = "LeadCollaboration";
  /** The decision's output naming the team asked for help: a tag without one asks nobody. */
  public static final String COLLABORATION_TEAM = "collaborationTeam";
  /** The tags of LeadTagged: only those that ask for help (LeadWork.tagsAskingForHelp). */
  public static final String NEW_TAGS = "newTags";
  public static final String TAG = "tag";
  public static final String COLLABORATION = "collaboration";
  public static final String COLLABORATION_TASK = "collaborationTask";
  public static final String COLLABORATION_RESULT = "collaborationResult";
  public static final String COLLABORATION_LINK = "collaborationLink";

  // --- High-value approval (decisions/LeadApproval.dmn, processes/OpportunityApproval.bpmn)
  public static final String APPROVAL_RULE = "approvalRule";
  public static final String APPROVERS = "approvers";
  public static final String APPROVER = "approver";
  public static final String APPROVAL_MODE = "approvalMode";
  public static final String APPROVAL_MODE_LABEL = "approvalModeLabel";
  public static final String APPROVAL_REASON = "approvalReason";
  public static final String APPROVAL_TIME_LIMIT = "approvalTimeLimit";
  public static final String TIMEOUT_ACTION = "timeoutAction";
  public static final String ESCALATION_GROUP = "escalationGroup";
  /** approved | rejected: the approval form's decision (local to one approval). */
  public static final String APPROVAL_DECISION = "approvalDecision";
  public static final String APPROVAL_COMMENT = "approvalComment";
  public static final String APPROVAL_REJECTIONS = "approvalRejections";
  /** The approval's result, back in LeadLifecycle. */
  public static final String APPROVED = "approved";
  public static final String APPROVAL_SUMMARY = "approvalSummary";
}
