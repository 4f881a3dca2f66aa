package io.leadflow.lead;

/** What happened to a lead, as kept in its history. */
public enum LeadEvent {
  /** The routing decision chose a team (or the pool). */
  ROUTED,
  /** A rep became the owner by an assignment strategy. */
  ASSIGNED,
  /** The lead went to the public pool (routed there, or nobody eligible). */
  POOLED,
  /** A manager gave the lead to another rep of the team. */
  REASSIGNED,
  /** The owner lost the lead to the pool (SLA missed). */
  RECLAIMED,
  /** Part of the follow-up SLA passed without a follow-up; the owner was reminded. */
  REMINDED,
  /** A rep claimed the lead from the pool. */
  CLAIMED,
  /** Nobody claimed the lead from the pool in time: nurture or lost. */
  POOL_EXPIRED,
  /** The rep, the form or the API moved the stage (qualified, won, lost). */
  STAGE_CHANGED,
  /** The score changed by behaviour (an activity). */
  RESCORED,
  /** The rep contacted the lead; the first contact stops the follow-up SLA. */
  CONTACTED,
  /** The stage stood still too long after first contact: flagged, managers alerted. */
  NEEDS_ATTENTION,
  /** The opportunity's estimated amount was set or changed. */
  ESTIMATED,
  /** An approver approved or rejected a high-value opportunity (or its time ran out). */
  APPROVAL,
  /** A tag asked another team for help (a collaboration task). */
  COLLABORATION_ASKED,
  /** The other team finished its collaboration task. */
  COLLABORATION_DONE,
  /** The same person came in again and was merged into this lead. */
  DUPLICATE_MERGED,
  /**
   * The decision version that routed or scored the lead was restored as a new version (the
   * rules' one-step rollback); the lead itself keeps its routing.
   */
  DECISION_RESTORED
}
