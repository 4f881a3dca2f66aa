package io.leadflow.lead;

import io.leadflow.system.ConflictException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The lead as other features see it: every change to a lead's routing, ownership and stage goes
 * through here, and each leaves a line in the lead's history. Runs in the caller's transaction
 * (the intake request, or the engine command that executes a delegate).
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class Leads {

  /** The pool reason when the routed team had nobody eligible. */
  public static final String NO_ELIGIBLE_REP = "NO_ELIGIBLE_REP";

  private final LeadRepository leads;
  private final LeadHistoryRepository history;
  private final LeadContactKeyRepository contactKeys;
  private final LeadContactRepository contacts;
  private final ScoreChangeRepository scoreChanges;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final ObjectProvider<WorkingTime> workingTime;

  Leads(LeadRepository leads, LeadHistoryRepository history, LeadContactKeyRepository contactKeys,
      LeadContactRepository contacts, ScoreChangeRepository scoreChanges, Clock clock,
      ApplicationEventPublisher events, ObjectProvider<WorkingTime> workingTime) {
    this.leads = leads;
    this.history = history;
    this.contactKeys = contactKeys;
    this.contacts = contacts;
    this.scoreChanges = scoreChanges;
    this.clock = clock;
    this.events = events;
    this.workingTime = workingTime;
  }

  /**
   * A new lead from these facts, with the contact keys that make it the open lead of its e-mail
   * and phone. Flushed at once, so that a concurrent twin (the same external id or contact keys)
   * fails here, before any routing work, with a DataIntegrityViolationException.
   */
  public Lead create(LeadFacts facts) {
    return create(facts, null);
  }

  /** A new lead, as {@link #create(LeadFacts)}, labelled with the campaign it came in with. */
  public Lead create(LeadFacts facts, String campaign) {
    Lead fresh = new Lead(facts, now());
    fresh.setCampaign(campaign);
    Lead lead = leads.save(fresh);
    contactKeys(facts.email(), facts.phone())
        .forEach(key -> contactKeys.save(new LeadContactKey(key, lead.getId())));
    leads.flush();
    return lead;
  }

  /** The lead of this source with this external id, if one came in before. */
  @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
  public Optional<Lead> findByExternalId(LeadSource source, String externalId) {
    return leads.findBySourceAndExternalId(source, externalId);
  }

  /** An open lead holding this e-mail or phone (normalised), and which one matched. */
  public record ContactMatch(Lead lead, String key) {}

  /** The open lead of the person with this e-mail or phone, locked, if there is one. */
  public Optional<ContactMatch> lockOpenByContact(String email, String phone) {
    Set<String> keys = contactKeys(email, phone);
    if (keys.isEmpty()) {
      return Optional.empty();
    }
    return contactKeys.findByKeyIn(keys).stream().findFirst()
        .map(match -> new ContactMatch(lock(match.getLeadId()), match.getKey()));
  }

  /** The same person came in again (from this source): counted and kept in the history. */
  public void mergeDuplicate(ContactMatch match, LeadSource source) {
    match.lead().mergeDuplicate(now());
    log(match.lead(), LeadEvent.DUPLICATE_MERGED, null,
        "MATCHED " + match.key() + " (source " + source + ")");
  }

  /** Behaviour of the lead (which the lifecycle's scoring reads). */
  public void addActivities(Lead lead, List<Activity> activities) {
    lead.addActivities(activities, now());
  }

  /** The tags not yet on the lead, added in this order; returns those that were new. */
  public List<String> addTags(Lead lead, List<String> tags) {
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
    }
    return added;
  }

  /** The lead's LeadLifecycle instance, started by the intake. */
  public void attachProcess(Lead lead, String processInstanceId) {
    lead.setProcessInstanceId(processInstanceId);
  }

  private static Set<String> contactKeys(String email, String phone) {
    Set<String> keys = new LinkedHashSet<>();
    if (email != null) keys.add(LeadContactKey.ofEmail(email));
    if (phone != null) keys.add(LeadContactKey.ofPhone(phone));
    return keys;
  }

  @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
  public Lead get(long id) {
    return leads.findById(id).orElseThrow(() -> new LeadNotFoundException(id));
  }

  /** The lead, locked until the transaction ends: for changes that must not race (claims). */
  public Lead lock(long id) {
    return leads.findByIdForUpdate(id).orElseThrow(() -> new LeadNotFoundException(id));
  }

  @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
  public List<LeadHistoryEntry> history(long id) {
    return history.findByLeadIdOrderByOccurredAtAscIdAsc(id);
  }

  @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
  public List<LeadContact> contacts(long id) {
    return contacts.findByLeadIdOrderByOccurredAtAscIdAsc(id);
  }

  @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
  List<ScoreChange> scoreChanges(long id) {
    return scoreChanges.findByLeadIdOrderByIdAsc(id);
  }

  /**
   * The scoring decision's result; a change of score is kept in the score history with its cause
   * (INTAKE, or the activity that re-scored the lead).
   */
  /**
   * The score and the rules that made it, by the scoring decision's deployed definition (id and
   * version; null when not known).
   */
  public void recordScore(long id, int score, List<ScoreItem> items, String decisionId,
      Integer decisionVersion, String cause) {
    Lead lead = get(id);
    Integer previous = lead.getScore();
    lead.recordScore(score, items, decisionId, decisionVersion, now());
    if (previous == null || previous != score) {
      scoreChanges.save(new ScoreChange(id, now(), score, previous, cause));
      if (previous != null) {
        log(lead, LeadEvent.RESCORED, null, previous + " -> " + score + ": " + cause);
      }
    }
  }

  /** A contact as recorded, and whether it was the lead's first. */
  public record RecordedContact(LeadContact contact, boolean first) {}

  /**
   * A rep's contact with the lead. The first one recorded is the lead's first response (its time
   * is kept on the lead).
   */
  public RecordedContact recordContact(long id, ContactChannel channel, String rep, String notes,
      Instant at) {
    Lead lead = get(id);
    Instant when = at == null ? now() : at.truncatedTo(ChronoUnit.MICROS);
    LeadContact contact =
        contacts.save(new LeadContact(id, when, now(), channel, rep, blankToNull(notes)));
    boolean first = lead.contacted(when, now());
    WorkingTime calendar = workingTime.getIfAvailable();
    if (first && calendar != null && lead.getFirstAssignedAt() != null
        && !when.isBefore(lead.getFirstAssignedAt())) {
      lead.firstResponseInWorkingTime(calendar.workingSeconds(lead.getFirstAssignedAt(), when));
    }
    log(lead, LeadEvent.CONTACTED, rep, (first ? "FIRST_CONTACT " : "") + channel
        + (blankToNull(notes) == null ? "" : ": " + notes.trim()));
    return new RecordedContact(contact, first);
  }

  /** The rep qualified the lead: it is an opportunity now. */
  public void qualify(long id, String rep, String notes) {
    moveStage(get(id), LeadStage.OPPORTUNITY, rep, notes);
  }

  /** The opportunity's estimated amount (what the approval rule reads). */
  public void estimate(long id, BigDecimal amount, String rep) {
    Lead lead = get(id);
    if (amount != null && !amount.equals(lead.getEstimatedAmount())) {
      lead.estimate(amount, now());
      log(lead, LeadEvent.ESTIMATED, rep, amount.toPlainString());
    }
  }

  /** Won: the lead is a customer with this contract amount, and closed. */
  public void win(long id, BigDecimal amount, String rep, String notes) {
    Lead lead = lock(id);
    requireOpen(lead);
    lead.win(amount, now());
    log(lead, LeadEvent.STAGE_CHANGED, rep, "CUSTOMER" + (amount == null ? "" : " "
        + amount.toPlainString()) + note(notes));
    contactKeys.deleteByLeadId(id);
  }

  /** Lost from whatever stage it was in, with the reason code; the lead is closed. */
  public void lose(long id, LostReason reason, String rep, String notes) {
    Lead lead = lock(id);
    requireOpen(lead);
    LeadStage from = lead.getStage();
    lead.lose(reason, now());
    log(lead, LeadEvent.STAGE_CHANGED, rep, "LOST from " + from + ": " + reason + note(notes));
    contactKeys.deleteByLeadId(id);
  }

  /** The stage has not moved for too long after first contact: flagged, managers alerted. */
  public void flagAttention(long id, String why) {
    Lead lead = get(id);
    lead.flagAttention(true, now());
    String reason = lead.getStage() + ": " + why;
    log(lead, LeadEvent.NEEDS_ATTENTION, lead.getOwner(), reason);
    announce(LeadNotice.Kind.NEEDS_ATTENTION, lead, lead.getOwner(), reason);
  }

  /** An approver's decision on the high-value opportunity. */
  public void recordApproval(long id, String approver, boolean approved, String comment) {
    Lead lead = get(id);
    log(lead, LeadEvent.APPROVAL, approver, (approved ? "APPROVED" : "REJECTED") + note(comment));
  }

  /** A tag asked another team for help. */
  public void collaborationAsked(long id, String tag, String team, String task) {
    Lead lead = get(id);
    log(lead, LeadEvent.COLLABORATION_ASKED, null, tag + " -> " + team + ": " + task);
  }

  /** The other team is done; the owner hears of it. */
  public void collaborationDone(long id, String task, String by, String result) {
    Lead lead = get(id);
    String reason = task + " (" + by + ")" + note(result);
    log(lead, LeadEvent.COLLABORATION_DONE, by, reason);
    if (lead.getOwner() != null) {
      announce(LeadNotice.Kind.COLLABORATION_DONE, lead, lead.getOwner(), reason);
    }
  }

  /**
   * Where the routing decision sent the lead, by which rule and why, and which deployed
   * definition of the decision that was (id and version; null when not known).
   */
  public void recordRouting(long id, String team, String strategy, LeadStage stage, String rule,
      String reason, String decisionId, Integer decisionVersion) {
    Lead lead = get(id);
    lead.recordRouting(team, strategy, stage, rule, reason, decisionId, decisionVersion, now());
    log(lead, LeadEvent.ROUTED, null, reason);
  }

  public void assign(long id, String owner, Instant slaDueAt, String reason) {
    Lead lead = get(id);
    lead.firstOwner(LeadEvent.ASSIGNED, owner, slaDueAt, now());
    lead.assignTo(owner, slaDueAt, now());
    lead.explainAssignment(reason);
    log(lead, LeadEvent.ASSIGNED, owner, reason);
    announce(LeadNotice.Kind.ASSIGNED, lead, owner, reason);
  }

  /** The lead goes to the pool; the team's managers hear of it if nobody was eligible. */
  public void putIntoPool(long id, String poolReason, String detail) {
    Lead lead = get(id);
    lead.putIntoPool(poolReason, now());
    String reason = detail == null ? poolReason : poolReason + ": " + detail;
    lead.explainAssignment(reason);
    log(lead, LeadEvent.POOLED, null, reason);
    if (NO_ELIGIBLE_REP.equals(poolReason)) {
      announce(LeadNotice.Kind.NO_ELIGIBLE_REP, lead, null, reason);
    }
  }

  public void reclaim(long id, String reason) {
    Lead lead = get(id);
    String previousOwner = lead.getOwner();
    Instant missedSla = lead.getSlaDueAt();
    lead.reclaimed();
    lead.putIntoPool(reason, now());
    log(lead, LeadEvent.RECLAIMED, previousOwner, reason);
    events.publishEvent(new LeadNotice(LeadNotice.Kind.RECLAIMED, id, lead.getTeam(),
        previousOwner, reason, missedSla));
  }

  /**
   * A manager gave the lead to another rep; the SLA keeps running. The new owner is announced
   * like an assignment.
   */
  public void reassign(long id, String to, String by, String reason) {
    Lead lead = lock(id);
    String from = lead.getOwner();
    lead.assignTo(to, lead.getSlaDueAt(), now());
    String why = "REASSIGNED by " + by + " from " + from
        + (reason == null || reason.isBlank() ? "" : ": " + reason);
    log(lead, LeadEvent.REASSIGNED, to, why);
    announce(LeadNotice.Kind.ASSIGNED, lead, to, why);
  }

  /** The owner has not followed up and part of the SLA has passed. */
  public void remindOwner(long id) {
    Lead lead = get(id);
    log(lead, LeadEvent.REMINDED, lead.getOwner(), "SLA_REMINDER");
    announce(LeadNotice.Kind.SLA_REMINDER, lead, lead.getOwner(), "SLA_REMINDER");
  }

  /**
   * The rep owns the lead now, as a lead of this team (the claimant's, when it came from the
   * general pool); refused (409) unless the lead is still in the pool.
   */
  public void claim(long id, String rep, String team, Instant slaDueAt) {
    Lead lead = lock(id);
    if (!lead.isPooled()) {
      throw new ConflictException("Lead " + id + " is not in the pool");
    }
    String from = lead.getTeam();
    lead.claimed(now());
    lead.firstOwner(LeadEvent.CLAIMED, rep, slaDueAt, now());
    lead.assignTo(rep, slaDueAt, now());
    lead.joinTeam(team, now());
    if (lead.getStage() == LeadStage.MQL) {
      lead.moveTo(LeadStage.SQL, now()); // a rep took it on: sales-accepted
    }
    String reason = team.equals(from) ? "CLAIMED_FROM_POOL"
        : "CLAIMED_FROM_POOL: " + from + " -> " + team;
    log(lead, LeadEvent.CLAIMED, rep, reason);
    announce(LeadNotice.Kind.CLAIMED, lead, rep, reason);
  }

  /** Nobody claimed the lead in time: it leaves the pool for this stage (NURTURE or LOST). */
  public void expireFromPool(long id, LeadStage stage, String reason) {
    Lead lead = lock(id);
    if (!lead.isPooled()) {
      throw new ConflictException("Lead " + id + " is not in the pool");
    }
    lead.expiredFromPool();
    lead.leavePool(stage, now());
    log(lead, LeadEvent.POOL_EXPIRED, null, stage.name() + ": " + reason);
    if (!stage.isOpen()) {
      contactKeys.deleteByLeadId(id);
    }
  }

  /**
   * A decision version was restored as a new one: a line in the history of every lead it last
   * routed or scored, in one statement, however many leads that is. Returns how many leads.
   */
  public int recordDecisionRestored(String definitionId, String reason) {
    return history.logDecisionRestored(definitionId, now(), reason);
  }

  /** When the rep last lost this lead to the pool, if ever. */
  @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
  public Optional<Instant> lastReclaimedFrom(long id, String rep) {
    return history.findFirstByLeadIdAndEventAndRepOrderByOccurredAtDesc(id, LeadEvent.RECLAIMED,
        rep).map(LeadHistoryEntry::getOccurredAt);
  }

  /** How many leads the rep claimed from the pool since then. */
  @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
  public long claimsSince(String rep, Instant since) {
    return history.countByEventAndRepAndOccurredAtGreaterThanEqual(LeadEvent.CLAIMED, rep, since);
  }

  private void moveStage(Lead lead, LeadStage stage, String rep, String notes) {
    requireOpen(lead);
    lead.moveTo(stage, now());
    log(lead, LeadEvent.STAGE_CHANGED, rep, stage.name() + note(notes));
  }

  private static void requireOpen(Lead lead) {
    if (!lead.getStage().isOpen()) {
      throw new ConflictException("Lead " + lead.getId() + " is closed (" + lead.getStage() + ")");
    }
  }

  private static String note(String text) {
    return blankToNull(text) == null ? "" : ": " + text.trim();
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
  public Page<Lead> pooled(Pageable pageable) {
    return leads.findByPooledTrue(pageable);
  }

  /** The pooled leads of these teams. */
  @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
  public Page<Lead> pooled(Collection<String> teams, Pageable pageable) {
    return leads.findByPooledTrueAndTeamIn(teams, pageable);
  }

  /** Open leads per rep; reps without any are absent from the map. */
  @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
  public Map<String, Long> openLeadCounts(Collection<String> reps) {
    Map<String, Long> counts = new HashMap<>();
    if (!reps.isEmpty()) {
      leads.countOpenLeadsByOwner(reps, LeadStage.OPEN).forEach(c -> counts.put(c.getOwner(), c.getOpenLeads()));
    }
    return counts;
  }

  private void announce(LeadNotice.Kind kind, Lead lead, String rep, String reason) {
    events.publishEvent(new LeadNotice(kind, lead.getId(), lead.getTeam(), rep, reason,
        lead.getSlaDueAt()));
  }

  private void log(Lead lead, LeadEvent event, String rep, String reason) {
    history.save(new LeadHistoryEntry(lead, event, rep, reason, now()));
  }

  /** Now, to the microsecond the database keeps, so what is answered is what is stored. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
