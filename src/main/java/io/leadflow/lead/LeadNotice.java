package io.leadflow.lead;

import java.time.Instant;

/**
 * What happened to a lead that people must hear about, published by {@link Leads} in the
 * transaction that made it happen (so a rolled-back assignment announces nothing).
 *
 * @param rep the rep concerned: the new owner, the owner to remind, the previous owner of a
 *     reclaimed lead, the claimant, or the owner of a stalled lead or of a lead whose
 *     collaboration task is done; null when nobody was eligible
 * @param reason why (the assignment's reason, SLA_MISSED, the skipped reps; for a stalled lead
 *     since when and in which stage; for a collaboration the task, who did it and their result)
 * @param slaDueAt the follow-up SLA concerned, if any
 */
public record LeadNotice(Kind kind, long leadId, String team, String rep, String reason,
    Instant slaDueAt) {

  public enum Kind {
    ASSIGNED,
    SLA_REMINDER,
    RECLAIMED,
    CLAIMED,
    NO_ELIGIBLE_REP,
    /** The lead's stage has not moved for too long after the first contact. */
    NEEDS_ATTENTION,
    /** Someone completed a collaboration task on the lead. */
    COLLABORATION_DONE
  }
}
