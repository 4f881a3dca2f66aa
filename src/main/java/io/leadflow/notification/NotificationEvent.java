package io.leadflow.notification;

import java.util.Locale;

/**
 * What LeadFlow tells people about, each with its templates (named after the event in kebab case,
 * e.g. lead-assigned.zh-CN.md.mustache) and its own asynchronous task in LeadLifecycle.bpmn (the
 * digest: in LeadsDigest.bpmn).
 */
public enum NotificationEvent {
  /** A rep became the owner: to the owner. */
  LEAD_ASSIGNED,
  /** Part of the follow-up SLA has passed without a follow-up: to the owner. */
  SLA_REMINDER,
  /** The SLA ran out and the lead went to the pool: to the previous owner and the team's managers. */
  LEAD_RECLAIMED,
  /** A rep claimed the lead from the pool: to the team's managers. */
  LEAD_CLAIMED,
  /** The team had nobody eligible and the lead went to the pool: to the team's managers. */
  NO_ELIGIBLE_REP,
  /**
   * The lead's stage has not moved for too long after the first contact: to the team's managers
   * (the notification's rep is the owner, its reason says since when and in which stage).
   */
  NEEDS_ATTENTION,
  /**
   * Someone completed a collaboration task on the lead: to the owner (the notification's rep;
   * its reason names the task, who did it and their result).
   */
  COLLABORATION_DONE,
  /**
   * The leads a bulk import gave a rep, in one message instead of one per lead: to the rep (the
   * notification's lead is the first of them, its reason the import's label, its batch the
   * import). Sent by the LeadsDigest process, not by a lead's own task.
   */
  LEADS_DIGEST;

  /** lead-assigned, sla-reminder, ... */
  public String templateName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
