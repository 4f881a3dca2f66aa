package io.leadflow.models;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The contract with {@code processes/LeadLifecycle.bpmn} and its forms: the process key, the
 * element ids and message names Java refers to, and the process variables. One process instance
 * per lead, with the lead id as its business key. Change a name here and in the model together.
 */
public final class LeadLifecycle {

  private LeadLifecycle() {}

  public static final String PROCESS_KEY = "LeadLifecycle";

  // --- Elements Java refers to
  public static final String TASK_FOLLOW_UP = "Task_FollowUp";
  public static final String TASK_QUALIFY = "Task_Qualify";
  public static final String TASK_DEVELOP_OPPORTUNITY = "Task_DevelopOpportunity";
  public static final String TASK_PROPOSAL = "Task_Proposal";
  public static final String TASK_CLAIM_FROM_POOL = "Task_ClaimFromPool";
  /** Absent from the first version of the model, which ended after the follow-up. */
  public static final String TASK_MARK_OPPORTUNITY = "Task_MarkOpportunity";
  /** The owner's tasks, one at a time: follow-up, qualification, opportunity, proposal. */
  public static final List<String> OWNER_TASKS =
      List.of(TASK_FOLLOW_UP, TASK_QUALIFY, TASK_DEVELOP_OPPORTUNITY, TASK_PROPOSAL);

  /** Id of the lead row; the process instance's business key is the same id as text. */
  public static final String LEAD_ID = "leadId";

  /** The lead's id from an execution's or a task's variables. */
  public static long leadId(VariableScope scope) {
    return ((Number) scope.getVariable(LEAD_ID)).longValue();
  }

  // --- Facts, set at intake: shown in the forms and read by the decisions
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
  public static final String WEBINARS_ATTENDED = "webinarsAttended";
  public static final String ATTRIBUTES = "attributes";

  /** Every fact a lead's process has from its start. */
  public static final Set<String> FACTS = Set.of(LEAD_ID, LEAD_NAME, COMPANY, EMAIL, PHONE,
      SOURCE, REGION, CITY, INDUSTRY, PRODUCT, COMPANY_SIZE, BUDGET, DECISION_MAKER,
      PRICING_PAGE_VIEWS, CASE_STUDY_DOWNLOADS, WEBSITE_VISITS_LAST_30_DAYS, WEBINARS_ATTENDED,
      ATTRIBUTES);

  // --- Scoring (Task_ScoreLead, Task_Rescore: LeadScoring's sum)
  public static final String SCORE = "score";
  /** A human-readable score breakdown for the forms, e.g. "合作伙伴推荐 / Partner referral +20; ...". */
  public static final String SCORE_SUMMARY = "scoreSummary";
  /** What made the score change, for the score history: INTAKE or "ACTIVITY <type>". */
  public static final String SCORE_CAUSE = "scoreCause";

  // --- Routing (Task_RouteLead, Task_Reroute), flattened from LeadRouting's outputs
  /** Task_Reroute's result (a map of LeadRouting's outputs), read by its gateway. */
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
  /** Task-local on the owner's task: who reassigns it through the API, and why. */
  public static final String REASSIGNED_BY = "reassignedBy";
  public static final String REASSIGN_REASON = "reassignReason";
  /** When a pooled lead nobody claims leaves the pool (java.util.Date): Timer_PoolExpired. */
  public static final String POOL_EXPIRES_AT = "poolExpiresAt";
  /** The rep who completed the pool task. */
  public static final String CLAIMANT = "claimant";
  /**
   * Which of the claimant's teams a lead from the general pool joins, when the claim names one
   * (POST /api/pool/{id}/claim); removed once the claim is recorded.
   */
  public static final String CLAIM_TEAM = "claimTeam";

  // --- Tasklist: what people read, set task-local on every task (tasklist.TaskLabelsListener)
  /** The filters' columns (a task-local copy, which Tasklist may show to whoever sees the task). */
  public static final String LIST_COMPANY = "listCompany";
  public static final String LIST_CONTACT = "listContact";
  public static final String LIST_SCORE = "listScore";
  public static final String LIST_REGION = "listRegion";
  /** The follow-up SLA (or the task's due date) in local time, "2026-12-03 15:51": column and form. */
  public static final String SLA_DUE_LABEL = "slaDueLabel";
  /** The team's name ("华东销售团队 / East China sales"; the general pool's for pool). */
  public static final String TEAM_LABEL = "teamLabel";
  public static final String POOL_REASON_LABEL = "poolReasonLabel";
  public static final String PHONE_LABEL = "phoneLabel";
  /** The owner's name, family name first for Chinese names. */
  public static final String OWNER_LABEL = "ownerLabel";
  public static final String FIRST_CONTACT_LABEL = "firstContactLabel";

  // --- Notifications
  /** Which notification a notify task sends (a NotificationEvent name). */
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

  // --- Messages correlated by the API (to the lead's process instance)
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
  /** Starts the reassignment's notification (SubProcess_Reassigned). */
  public static final String MESSAGE_REASSIGNED = "LeadReassigned";

  // --- Closing (Task_CloseWon, Task_CloseLost, SubProcess_Closed)
  /** WON or LOST: input of Task_Close* and the LeadClosed message. */
  public static final String CLOSE_AS = "closeAs";
  /** Who closed the lead through the API. */
  public static final String CLOSED_BY = "closedBy";

  // --- Cross-team collaboration (SubProcess_Tagged: one LeadCollaboration decision per tag)
  /** The tags of LeadTagged: only those that ask for help. */
  public static final String NEW_TAGS = "newTags";
  /** The tag of one SubProcess_Collaboration (LeadCollaboration's input). */
  public static final String TAG = "tag";
  /** Task_CollaborationRule's result: LeadCollaboration's outputs for the tag. */
  public static final String COLLABORATION = "collaboration";
  public static final String COLLABORATION_TASK = "collaborationTask";
  public static final String COLLABORATION_RESULT = "collaborationResult";
  public static final String COLLABORATION_LINK = "collaborationLink";

  // --- High-value approval (Task_ApprovalRule, CallActivity_Approval)
  /** Task_ApprovalRule's result: LeadApproval's outputs for the opportunity. */
  public static final String APPROVAL_RULE = "approvalRule";
}
