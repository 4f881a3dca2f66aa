package io.leadflow.lead;

import static io.leadflow.lead.LeadVariables.*;

import io.leadflow.system.Caller;
import io.leadflow.system.ConflictException;
import io.leadflow.system.DecisionPreview;
import io.leadflow.system.FieldProblem;
import io.leadflow.system.InvalidRequestException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  public record ActivityResult(Lead lead, int previousScore, boolean routedNow) {}

  public record ContactResult(Lead lead, LeadContact contact, boolean first) {}

  private final Leads leads;
  private final RuntimeService runtime;
  private final Clock clock;
  private final DecisionPreview decisions;

  LeadWork(Leads leads, RuntimeService runtime, Clock clock, DecisionPreview decisions) {
    this.leads = leads;
    this.runtime = runtime;
    this.clock = clock;
    this.decisions = decisions;
  }

  /**
   * Behaviour of an open lead: the counts change and the scoring decision runs again
   * (SubProcess_Activity); an MQL in the pool that the routing decision now makes an SQL of a
   * team leaves the pool and is assigned before this returns. 404 unknown lead, 409 closed.
   */
  public ActivityResult recordActivities(long id, List<LeadRequest.ActivityRequest> requests,
      Caller caller) {
    Lead lead = leads.lock(id);
    if (!caller.integration()) {
      LeadAccess.requireVisible(caller, lead);
    }
    requireRunning(lead);
    return rescore(lead, LeadIntake.activities(requests, clock.instant()));
  }

  /** Whether the lead's running lifecycle re-scores on activities (not a closed lead's). */
  boolean takesActivities(Lead lead) {
    return lead.getProcessInstanceId() != null && waitsFor(lead, MESSAGE_ACTIVITY);
  }

  /** The same for activities that came in with a repeat of an open lead (intake's duplicates). */
  ActivityResult rescore(Lead lead, List<Activity> activities) {
    int previous = lead.getScore() == null ? 0 : lead.getScore();
    boolean wasWaitingMql = lead.getStage() == LeadStage.MQL && lead.isPooled();
    lead.getActivities().addAll(activities);
    Map<String, Object> variables = new HashMap<>(LeadIntake.activityCounts(lead, clock.instant()));
    variables.put(SCORE_CAUSE, "ACTIVITY " + String.join(", ",
        activities.stream().map(a -> a.type().name()).collect(
            java.util.stream.Collectors.toCollection(LinkedHashSet::new))));
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
          .setVariable(FIRST_CONTACT_AT, java.util.Date.from(lead.getFirstContactAt()))
          .correlateWithResult();
    }
    return new ContactResult(lead, recorded.contact(), recorded.first());
  }

  /** New tags on an open lead; those a collaboration rule knows create the other team's task. */
  public List<String> addTags(long id, List<String> tags, Caller caller) {
    Lead lead = LeadAccess.requireWorkable(caller, leads.lock(id));
    requireRunning(lead);
    Set<String> known = new LinkedHashSet<>(lead.getTags());
    List<String> added = new ArrayList<>();
    for (String tag : tags) {
      String trimmed = tag.trim();
      if (known.add(trimmed)) {
        added.add(trimmed);
      }
    }
    if (!added.isEmpty()) {
      lead.setTags(new ArrayList<>(known));
      List<String> askingForHelp = tagsAskingForHelp(added);
      if (!askingForHelp.isEmpty()) {
        correlate(lead, MESSAGE_TAGGED, Map.of(NEW_TAGS, askingForHelp));
      }
    }
    return added;
  }

  /**
   * The tags that may ask for help: only these are handed to the lead's process (LeadTagged),
   * where the collaboration table decides, recorded, and creates the tasks. Most tags are plain
   * labels (a campaign, a trade show); asking the process about each of them cost a quarter of an
   * intake. A tag is left out only when the latest LeadCollaboration table, reading nothing but
   * the tag, gives it no rule or a rule without a team; a table that reads more than the tag (or
   * gives several rules, which the process refuses) sees every tag in the process, as before.
   */
  List<String> tagsAskingForHelp(List<String> tags) {
    if (tags.isEmpty()) {
      return new ArrayList<>();
    }
    var table = decisions.latest(COLLABORATION_DECISION);
    if (!table.readsOnly(Set.of(TAG))) {
      return new ArrayList<>(tags);
    }
    List<String> asking = new ArrayList<>();
    for (String tag : tags) {
      var result = table.evaluate(Map.of(TAG, tag));
      if (result.size() > 1
          || (result.size() == 1 && result.getFirstResult().get(COLLABORATION_TEAM) != null)) {
        asking.add(tag);
      }
    }
    return asking;
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
