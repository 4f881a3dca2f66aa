package io.leadflow.notification;

import io.leadflow.lead.Lead;
import io.leadflow.lead.Leads;
import io.leadflow.models.LeadsDigest;
import io.leadflow.system.Labels;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One message per rep and channel for a batch of leads (a bulk import) instead of one per lead: no
 * message storm.
 *
 * <p>While work runs inside {@link #holdBack}, the assignments it makes are recorded as usual but
 * held back for the batch: the leads' own notify tasks send nothing for them. {@link #close}
 * then writes one LEADS_DIGEST notification per rep that got leads ("您有 200 条新的客户线索待跟进")
 * and starts a LeadsDigest process, whose asynchronous task sends them like any notification: a
 * delivery record per channel and recipient, retries, then an incident in Cockpit naming what
 * failed.
 */
@Service
public class Digests {

  /** The leads a digest lists by name; the rest are counted. */
  static final int LISTED = 10;

  private static final ThreadLocal<String> HELD_BACK = new ThreadLocal<>();

  private final NotificationRepository notifications;
  private final Leads leads;
  private final RuntimeService runtime;
  private final NotificationProperties properties;
  private final Clock clock;

  Digests(NotificationRepository notifications, Leads leads, RuntimeService runtime,
      NotificationProperties properties, Clock clock) {
    this.notifications = notifications;
    this.leads = leads;
    this.runtime = runtime;
    this.properties = properties;
    this.clock = clock;
  }

  /** Runs the work with the assignments it announces held back for the batch's digest. */
  public <T> T holdBack(String batch, Supplier<T> work) {
    String outer = HELD_BACK.get();
    HELD_BACK.set(batch);
    try {
      return work.get();
    } finally {
      if (outer == null) {
        HELD_BACK.remove();
      } else {
        HELD_BACK.set(outer);
      }
    }
  }

  /** The batch the current thread's assignments are held back for, if any. */
  static String heldBackFor() {
    return HELD_BACK.get();
  }

  /**
   * The batch is complete: one digest per rep it gave leads to, sent by a LeadsDigest process.
   * Once per batch; calling again does nothing.
   *
   * @param label what the digest calls the batch (the file's name, the campaign)
   * @return how many reps get a digest
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public int close(String batch, String label) {
    if (notifications.existsByBatchAndEvent(batch, NotificationEvent.LEADS_DIGEST)) {
      return 0;
    }
    List<Object[]> perRep =
        notifications.countHeldBackPerRep(batch, NotificationEvent.LEAD_ASSIGNED);
    for (Object[] rep : perRep) {
      notifications.save(new Notification(((Number) rep[2]).longValue(),
          NotificationEvent.LEADS_DIGEST, null, (String) rep[0], label, null, clock.instant(),
          batch));
    }
    if (!perRep.isEmpty()) {
      runtime.startProcessInstanceByKey(LeadsDigest.PROCESS_KEY, batch,
          Map.of(LeadsDigest.BATCH, batch));
    }
    return perRep.size();
  }

  /**
   * What a digest's templates add to a notification's facts: {@code count}, {@code label},
   * {@code listUrl} (the rep's leads in Tasklist), {@code leads} (the first ones: leadName,
   * company, score, slaDueAt, leadUrl) and {@code more} (how many are not listed).
   */
  void addFacts(Notification digest, String base, Map<String, String> facts,
      Map<String, Object> model) {
    long count = notifications.countByBatchAndEventAndRep(digest.getBatch(),
        NotificationEvent.LEAD_ASSIGNED, digest.getRep());
    ZoneId zone = properties.timeZone();
    List<Map<String, String>> listed = new ArrayList<>();
    for (long leadId : notifications.findHeldBackLeads(digest.getBatch(),
        NotificationEvent.LEAD_ASSIGNED, digest.getRep(), PageRequest.of(0, LISTED))) {
      Lead lead = leads.get(leadId);
      Map<String, String> line = new LinkedHashMap<>();
      line.put("leadName", lead.getName());
      line.put("company", lead.getCompany());
      line.put("score", lead.getScore() == null ? null : String.valueOf(lead.getScore()));
      line.put("slaDueAt", Labels.time(lead.getSlaDueAt(), zone));
      line.put("leadUrl", base + "/api/leads/" + leadId);
      listed.add(line);
    }
    facts.put("count", String.valueOf(count));
    facts.put("label", digest.getReason());
    facts.put("listUrl", base + "/camunda/app/tasklist/default/#/");
    model.putAll(facts);
    model.put("leads", listed);
    model.put("more", count > listed.size() ? String.valueOf(count - listed.size()) : null);
  }
}
