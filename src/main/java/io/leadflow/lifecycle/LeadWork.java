package io.leadflow.lifecycle;

import static io.leadflow.models.LeadLifecycle.*;

import io.leadflow.collaboration.CollaborationRules;
import io.leadflow.lead.Activity;
import io.leadflow.lead.ContactChannel;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadAccess;
import io.leadflow.lead.LeadContact;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.Leads;
import io.leadflow.lead.LostReason;
import io.leadflow.system.Caller;
import io.leadflow.system.ConflictException;
import io.leadflow.system.FieldProblem;
import io.leadflow.system.InvalidRequestException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What happens to a lead after intake, from the API: behaviour (activities) that re-scores it,
 * the rep's contacts, tags that ask other teams for help, and closing. Each call locks the lead
 * row first, so two requests for the same lead run one after the other (two activities arriving
 * together re-score twice and route once), and then correlates its message to the lead's process
 * in the same transaction: the lead and its process change together or not at all.
 */
@Service
@Transactional
public class LeadWork {

  /** The most tags a lead has, as at intake (each up to 100 characters: they fit their column). */
  public static final int MAX_TAGS = 50;

  public record ActivityResult(Lead lead, int previousScore, boolean routedNow) {}

  public record ContactResult(Lead lead, LeadContact contact, boolean first) {}

  private final Leads leads;
  private final RuntimeService runtime;
  private final Clock clock;
  private final CollaborationRules collaboration;

  LeadWork(Leads leads, RuntimeService runtime, Clock clock, CollaborationRules collaboration) {
    this.leads = leads;
    this.runtime = runtime;
    this.clock = clock;
    this.collaboration = collaboration;
  }

  /**
   * Behaviour of an open lead: the counts change and the scoring decision runs again
   * (SubProcess_Activity); an MQL in the pool that the routing decision now makes an SQL of a
   * team leaves the pool and is assigned before this returns. 404 unknown lead, 409 closed.
   */
  public ActivityResult recordActivities(long id, List<ActivityRequest> requests,
      Caller caller) {
    Lead lead = leads.lock(id);
    if (!caller.integration()) {
      LeadAccess.requireVisible(caller, lead);
    }
    requireRunning(lead);
    return rescore(lead, ActivityRequest.toActivities(requests, clock.instant()));
  }

  /** Whether the lead's running lifecycle re-scores on activities (not a closed lead's). */
  public boolean takesActivities(Lead lead) {
    return lead.getProcessInstanceId() != null && waitsFor(lead, MESSAGE_ACTIVITY);
  }

  /**
   * Re-scores the lead with these new activities; also for those that came in with a repeat of an
   * open lead (the intake's duplicates).
   */
  public ActivityResult rescore(Lead lead, List<Activity> activities) {
    int previous = lead.getScore() == null ? 0 : lead.getScore();
    boolean wasWaitingMql = lead.getStage() == LeadStage.MQL && lead.isPooled();
    leads.addActivities(lead, activities);
    Map<String, Object> variables =
        new HashMap<>(LifecycleVariables.activityCounts(lead.getActivities(), clock.instant()));
    variables.put(SCORE_CAUSE, "ACTIVITY " + String.join(", ",
        activities.stream().map(a -> a.type().name())
            .collect(Collectors.toCollection(LinkedHashSet::new))));
    correlate(lead, MESSAGE_ACTIVITY, variables);
    boolean routedNow = false;
    if (wasWaitingMql && lead.getStage() == LeadStage.SQL && waitsFor(lead, MESSAGE_BECAME_SQL)) {
      runtime.createMessageCorrelation(MESSAGE_BECAME_SQL)
          .processInstanceId(lead.getProcessInstanceId()).correlateWithResult();
      routedNow = true;
    }
    return new ActivityResult(lead, previous, routedNow);
  }

  /**
   * A contact the rep made. The first one is the lead's first response: it ends the follow-up
   * under SLA (Message_FirstContact) and the lead goes on to qualification. 409 for a closed or
   * pooled lead (nobody owns it to contact it).
   */
  public ContactResult recordContact(long id, ContactChannel channel, String notes, Instant at,
      Caller caller) {
    Lead lead = LeadAccess.requireWorkable(caller, leads.lock(id));
    requireRunning(lead);
    if (lead.getOwner() == null) {
      throw new ConflictException("Lead " + id + " is in the pool: claim it before contacting");
    }
    if (at != null && at.isAfter(clock.instant().plusSeconds(60))) {
      throw new InvalidRequestException(List.of(new FieldProblem("at", "must not be in the future")));
    }
    Leads.RecordedContact recorded = leads.recordContact(id, channel, caller.id(), notes, at);
    if (recorded.first() && waitsFor(lead, MESSAGE_FIRST_CONTACT)) {
      runtime.createMessageCorrelation(MESSAGE_FIRST_CONTACT)
          .processInstanceId(lead.getProcessInstanceId())
          .setVariable(FIRST_CONTACT_AT, Date.from(lead.getFirstContactAt()))
          .correlateWithResult();
    }
    return new ContactResult(lead, recorded.contact(), recorded.first());
  }

  /** New tags on an open lead; those a collaboration rule knows create the other team's task. */
  public List<String> addTags(long id, List<String> tags, Caller caller) {
    Lead lead = LeadAccess.requireWorkable(caller, leads.lock(id));
    requireRunning(lead);
    long total = java.util.stream.Stream.concat(lead.getTags().stream(),
        tags.stream().map(String::trim)).distinct().count();
    if (total > MAX_TAGS) {
      throw new InvalidRequestException(List.of(new FieldProblem("tags", "a lead has at most "
          + MAX_TAGS + " tags; this one has " + lead.getTags().size())));
    }
    List<String> added = leads.addTags(lead, tags);
    if (!added.isEmpty()) {
      List<String> askingForHelp = collaboration.tagsAskingForHelp(added);
      if (!askingForHelp.isEmpty()) {
        correlate(lead, MESSAGE_TAGGED, Map.of(NEW_TAGS, askingForHelp));
      }
    }
    return added;
  }

  /**
   * Closes the lead from whatever it is doing (SubProcess_Closed): WON only as an opportunity,
   * with the contract amount; LOST from any open stage, with a reason code.
   */
  public Lead close(long id, boolean won, BigDecimal amount, LostReason reason, String notes,
      Caller caller) {
    Lead lead = LeadAccess.requireWorkable(caller, leads.lock(id));
    requireRunning(lead);
    if (won && lead.getStage() != LeadStage.OPPORTUNITY) {
      throw new ConflictException("Lead " + id + " is " + lead.getStage()
          + ": only an opportunity can be won");
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(CLOSE_AS, won ? "WON" : "LOST");
    variables.put(WON_AMOUNT, amount == null ? null : amount.doubleValue());
    variables.put(LOST_REASON, reason == null ? null : reason.name());
    variables.put(NOTES, notes);
    variables.put(CLOSED_BY, caller.id());
    correlate(lead, MESSAGE_CLOSED, variables);
    return lead;
  }

  @Transactional(readOnly = true)
  public List<String> tags(long id) {
    return List.copyOf(leads.get(id).getTags());
  }

  private void requireRunning(Lead lead) {
    if (!lead.getStage().isOpen()) {
      throw new ConflictException("Lead " + lead.getId() + " is closed (" + lead.getStage() + ")");
    }
    if (lead.getProcessInstanceId() == null || runtime.createProcessInstanceQuery()
        .processInstanceId(lead.getProcessInstanceId()).active().count() == 0) {
      throw new ConflictException("Lead " + lead.getId() + " has no running lifecycle");
    }
  }

  /**
   * Correlates the message to the lead's process. A lead still on an earlier version of the model
   * may not know it: that is a 409 saying so, not an engine error.
   */
  private void correlate(Lead lead, String message, Map<String, Object> variables) {
    if (!waitsFor(lead, message)) {
      throw new ConflictException("Lead " + lead.getId() + " runs on an earlier version of the"
          + " lifecycle, which does not take " + message);
    }
    runtime.createMessageCorrelation(message).processInstanceId(lead.getProcessInstanceId())
        .setVariables(variables).correlateWithResult();
  }

  private boolean waitsFor(Lead lead, String message) {
    return runtime.createEventSubscriptionQuery().processInstanceId(lead.getProcessInstanceId())
        .eventType("message").eventName(message).count() > 0;
  }
}
