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
  /** The follow-up moved the stage. */
  STAGE_CHANGED,
  /** The same person came in again and was merged into this lead. */
  DUPLICATE_MERGED
}
