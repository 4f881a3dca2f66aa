package io.leadflow.lead;

import java.time.Instant;

/**
 * What happened to a lead that people must hear about, published by {@link Leads} in the
 * transaction that made it happen (so a rolled-back assignment announces nothing).
 *
 * @param rep the rep concerned: the new owner, the owner to remind, the previous owner of a
 *     reclaimed lead, or the claimant; null when nobody was eligible
 * @param reason why (the assignment's reason, SLA_MISSED, the skipped reps)
 * @param slaDueAt the follow-up SLA concerned, if any
 */
public record LeadNotice(Kind kind, long leadId, String team, String rep, String reason,
    Instant slaDueAt) {

  public enum Kind {
    ASSIGNED,
    SLA_REMINDER,
    RECLAIMED,
    CLAIMED,
    NO_ELIGIBLE_REP
  }
}
