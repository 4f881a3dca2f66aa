package io.leadflow.notification;

import io.leadflow.lead.Lead;
import io.leadflow.lead.Leads;
import io.leadflow.models.LeadRouting;
import io.leadflow.system.Labels;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends a lead's pending notifications of one event, exactly once per recipient and channel.
 *
 * <p>Camunda runs the sending job at least once, so every delivery is a row (unique per
 * notification, channel and recipient) committed in its own transaction, apart from the job's:
 * the row is locked, skipped if it went out already, sent, and marked sent or failed. A retried
 * job (or a second job at the same time) therefore sends only what did not go out. What is left
 * is the moment between the provider's answer and the commit: a crash exactly then sends that one
 * message again on retry. Providers that de-duplicate get the delivery id as request id.
 */
@Service
class Deliveries {

  private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

  private final NotificationRepository notifications;
  private final DeliveryRepository deliveries;
  private final List<ChannelSender> channels;
  private final Recipients recipients;
  private final Templates templates;
  private final Leads leads;
  private final Digests digests;
  private final TaskService tasks;
  private final IdentityService identity;
  private final NotificationProperties properties;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;
  private final MeterRegistry metrics;

  Deliveries(NotificationRepository notifications, DeliveryRepository deliveries,
      List<ChannelSender> channels, Recipients recipients, Templates templates, Leads leads,
      Digests digests, TaskService tasks, IdentityService identity,
      NotificationProperties properties, Clock clock,
      PlatformTransactionManager transactions, MeterRegistry metrics) {
    this.metrics = metrics;
    this.notifications = notifications;
    this.deliveries = deliveries;
    this.channels = channels;
    this.recipients = recipients;
    this.templates = templates;
    this.leads = leads;
    this.digests = digests;
    this.tasks = tasks;
    this.identity = identity;
    this.properties = properties;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Sends what is pending of the lead's notifications of this event.
   *
   * @throws DeliveryFailedException naming each channel, recipient and error that failed; what
   *     went out stays sent, and calling again retries only the rest
   */
  void deliver(long leadId, NotificationEvent event) {
    deliver(notifications.findUndelivered(leadId, event),
        event + " deliveries failed for lead " + leadId);
  }

  /** Sends what is pending of the digests of this batch (see {@link Digests}), as above. */
  void deliverDigests(String batch) {
    deliver(notifications.findUndeliveredOfBatch(batch, NotificationEvent.LEADS_DIGEST),
        NotificationEvent.LEADS_DIGEST + " deliveries failed for " + batch);
  }

  private void deliver(List<Long> notificationIds, String failed) {
    List<String> failures = new ArrayList<>();
    int attempted = 0;
    for (long notificationId : notificationIds) {
      Prepared prepared = ownTransaction.execute(status -> prepare(notificationId));
      for (Map.Entry<Long, Recipient> entry : prepared.pending().entrySet()) {
        attempted++;
        String failure = ownTransaction.execute(
            status -> send(entry.getKey(), entry.getValue(), prepared.notification()));
        if (failure != null) {
          failures.add(failure);
        }
      }
      ownTransaction.executeWithoutResult(status -> finish(notificationId));
    }
    if (!failures.isEmpty()) {
      throw new DeliveryFailedException(failures.size() + " of " + attempted + " " + failed
          + ": " + String.join("; ", failures));
    }
  }

  private record Prepared(Notification notification, Map<Long, Recipient> pending) {}

  /** Creates the deliveries not made yet; answers those not sent, with their recipients. */
  private Prepared prepare(long notificationId) {
    Notification notification = notifications.lock(notificationId).orElseThrow();
    Map<String, Delivery> existing = deliveries.findByNotificationIdOrderById(notificationId)
        .stream().collect(Collectors.toMap(d -> d.getChannel() + "/" + d.getRecipient(), d -> d));
    Map<Long, Recipient> pending = new LinkedHashMap<>();
    for (Recipient recipient : recipients.of(notification)) {
      for (ChannelSender channel : channels) {
        String address = channel.enabled() ? channel.address(recipient) : null;
        Delivery delivery = existing.get(channel.channel() + "/" + recipient.userId());
        if (delivery == null && address != null) {
          delivery = deliveries.save(new Delivery(notification, channel.channel(),
              recipient.userId(), address, clock.instant()));
        }
        // A channel switched off since stops being retried (its failures stay on record).
        if (delivery != null && delivery.getStatus() != Delivery.Status.SENT
            && channel.enabled()) {
          pending.put(delivery.getId(), recipient);
        }
      }
    }
    return new Prepared(notification, pending);
  }

  /** Sends one delivery under its row lock; null when it went out (now or before). */
  private String send(long deliveryId, Recipient recipient, Notification notification) {
    Delivery delivery = deliveries.lock(deliveryId).orElseThrow();
    if (delivery.getStatus() == Delivery.Status.SENT) {
      return null;
    }
    ChannelSender channel = sender(delivery.getChannel());
    try {
      Message message = message(notification, recipient, channel, deliveryId);
      delivery.sent(channel.send(message, recipient), clock.instant());
      countWhenCommitted(delivery);
      return null;
    } catch (RuntimeException e) {
      String error = e instanceof DeliveryFailedException ? e.getMessage() : e.toString();
      log.warn("{} {} for lead {} to {} failed: {}", delivery.getChannel(),
          notification.getEvent(), notification.getLeadId(), recipient.userId(), error);
      delivery.failed(error);
      countWhenCommitted(delivery);
      return delivery.getChannel() + " to " + recipient.userId() + ": " + error;
    }
  }

  /** leadflow.notifications.deliveries{channel, status}: each attempt's outcome, once stored. */
  private void countWhenCommitted(Delivery delivery) {
    Counter counter = Counter.builder("leadflow.notifications.deliveries")
        .description("Notification delivery attempts, by channel and outcome")
        .tag("channel", delivery.getChannel().name()).tag("status", delivery.getStatus().name())
        .register(metrics);
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        counter.increment();
      }
    });
  }

  private ChannelSender sender(Channel channel) {
    return channels.stream().filter(c -> c.channel() == channel).findFirst().orElseThrow();
  }

  private void finish(long notificationId) {
    Notification notification = notifications.lock(notificationId).orElseThrow();
    boolean allSent = deliveries.findByNotificationIdOrderById(notificationId).stream()
        .allMatch(d -> d.getStatus() == Delivery.Status.SENT || !sender(d.getChannel()).enabled());
    if (allSent) {
      notification.delivered(clock.instant());
    }
  }

  private Message message(Notification notification, Recipient recipient, ChannelSender channel,
      long deliveryId) {
    Lead lead = leads.get(notification.getLeadId());
    ZoneId zone = properties.timeZone();
    String base = properties.publicUrl().toString().replaceAll("/+$", "");
    String taskUrl = openTask(notification, lead)
        .map(task -> base + "/camunda/app/tasklist/default/#/?task=" + task.getId()).orElse(null);
    String leadUrl = base + "/api/leads/" + lead.getId();

    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("leadId", String.valueOf(lead.getId()));
    facts.put("leadName", lead.getName());
    facts.put("company", lead.getCompany());
    facts.put("title", lead.getTitle());
    facts.put("phone", Labels.phone(lead.getPhone()));
    facts.put("email", lead.getEmail());
    facts.put("region", lead.getRegion());
    facts.put("city", lead.getCity());
    facts.put("industry", lead.getIndustry());
    facts.put("product", lead.getProduct());
    Locale language = recipient.locale();
    facts.put("source", Labels.reason(lead.getSource().name(), language));
    facts.put("score", lead.getScore() == null ? null : String.valueOf(lead.getScore()));
    facts.put("stage", Labels.reason(lead.getStage().name(), language));
    facts.put("team", notification.getTeam());
    facts.put("teamName", Labels.part(teamName(notification.getTeam()), language));
    facts.put("rep", notification.getRep());
    facts.put("repName", notification.getRep() == null ? null : recipients.find(
        notification.getRep()).map(Recipient::displayName).orElse(notification.getRep()));
    facts.put("reason", Labels.reason(notification.getReason(), language));
    facts.put("slaDueAt", Labels.time(notification.getSlaDueAt(), zone));
    facts.put("timeZone", zone.getId());
    facts.put("recipientName", recipient.displayName());
    facts.put("taskUrl", taskUrl);
    facts.put("leadUrl", leadUrl);
    facts.put("cockpitUrl", lead.getProcessInstanceId() == null ? null
        : base + "/camunda/app/cockpit/default/#/process-instance/" + lead.getProcessInstanceId());

    Map<String, Object> model = new HashMap<>(facts);
    if (notification.getEvent() == NotificationEvent.LEADS_DIGEST) {
      digests.addFacts(notification, base, facts, model);
    }
    model.put("mention", channel.mention(recipient));
    model.put("forRep", recipient.userId().equals(notification.getRep()));
    Templates.Rendered rendered = templates.render(notification.getEvent(), recipient.locale(),
        model);
    Map<String, String> params = new LinkedHashMap<>();
    facts.forEach((name, value) -> {
      if (value != null) {
        params.put(name, value);
      }
    });
    return new Message(notification.getEvent(), notification.getTeam(), recipient.locale(),
        rendered.subject(), rendered.markdown(), rendered.html(), params, taskUrl, leadUrl,
        String.valueOf(deliveryId));
  }

  /**
   * The lead's open task the message points to: the rep's own task (their follow-up or stage
   * task: for a stalled lead the owner's, which the managers open) for events about a rep, else
   * any, e.g. the pool task.
   */
  private Optional<Task> openTask(Notification notification, Lead lead) {
    List<Task> open = tasks.createTaskQuery()
        .processInstanceBusinessKey(String.valueOf(lead.getId())).list();
    Set<NotificationEvent> aboutTheRepsTask =
        Set.of(NotificationEvent.LEAD_ASSIGNED, NotificationEvent.SLA_REMINDER,
            NotificationEvent.LEAD_CLAIMED, NotificationEvent.NEEDS_ATTENTION,
            NotificationEvent.COLLABORATION_DONE);
    return open.stream()
        .filter(t -> !aboutTheRepsTask.contains(notification.getEvent())
            || notification.getRep() == null || notification.getRep().equals(t.getAssignee()))
        .findFirst();
  }

  private String teamName(String teamId) {
    if (teamId == null) {
      return null;
    }
    if (LeadRouting.POOL_TEAM.equals(teamId)) {
      return Labels.GENERAL_POOL;
    }
    Group group = identity.createGroupQuery().groupId(teamId).singleResult();
    return group == null || group.getName() == null ? teamId : group.getName();
  }
}
