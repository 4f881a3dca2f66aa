package io.leadflow.lead;

/**
 * The one place for the names of LeadLifecycle's process variables, used by delegates, listeners
 * and tests alike. The DMN tables and the BPMN/forms refer to the same names; change them together.
 */
public final class LeadVariables {

  private LeadVariables() {}

  /** Id of the lead row; the process instance's business key is the same id as text. */
  public static final String LEAD_ID = "leadId";

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

  // --- Routing (decisions/LeadRouting.dmn, FIRST)
  /** The routing decision's single result (a map), flattened into the variables below. */
  public static final String ROUTING_RESULT = "routingResult";
  public static final String ROUTING_RULE = "routingRule";
  public static final String TEAM = "team";
  public static final String STRATEGY = "strategy";
  public static final String SLA_DURATION = "slaDuration";
  public static final String STAGE = "stage";
  public static final String ROUTING_REASON = "routingReason";

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

  // --- Follow-up form
  /** contacted | qualified | disqualified */
  public static final String OUTCOME = "outcome";
  public static final String NOTES = "notes";
}
