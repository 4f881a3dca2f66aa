package io.leadflow.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Something people must hear about, recorded in the transaction that made it happen, with the
 * facts of that moment (who owned the lead, which SLA). Delivered by the lead's Task_Notify jobs.
 */
@Entity
@Table(name = "notifications")
class Notification {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "notifications_seq")
  @SequenceGenerator(name = "notifications_seq", sequenceName = "notifications_seq",
      allocationSize = 50)
  private Long id;

  @Column(nullable = false)
  private long leadId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private NotificationEvent event;

  private String team;
  /** The rep concerned: owner, reminded owner, previous owner, claimant. */
  private String rep;
  private String reason;
  private Instant slaDueAt;

  @Column(nullable = false)
  private Instant createdAt;
  /** When the last of its deliveries went out; null while any is pending. */
  private Instant deliveredAt;
  /**
   * The batch (e.g. import:42) this notice is held back for, to be summed up in one digest per
   * rep; for a digest (LEADS_DIGEST), the batch it sums up. Null for a notification of its own.
   */
  private String batch;

  protected Notification() {}

  Notification(long leadId, NotificationEvent event, String team, String rep, String reason,
      Instant slaDueAt, Instant createdAt) {
    this.leadId = leadId;
    this.event = event;
    this.team = team;
    this.rep = rep;
    this.reason = reason == null || reason.length() <= 2000 ? reason : reason.substring(0, 2000);
    this.slaDueAt = slaDueAt;
    this.createdAt = createdAt;
  }

  Notification(long leadId, NotificationEvent event, String team, String rep, String reason,
      Instant slaDueAt, Instant createdAt, String batch) {
    this(leadId, event, team, rep, reason, slaDueAt, createdAt);
    this.batch = batch;
  }

  Long getId() { return id; }
  long getLeadId() { return leadId; }
  NotificationEvent getEvent() { return event; }
  String getTeam() { return team; }
  String getRep() { return rep; }
  String getReason() { return reason; }
  Instant getSlaDueAt() { return slaDueAt; }
  Instant getDeliveredAt() { return deliveredAt; }
  String getBatch() { return batch; }

  void delivered(Instant at) {
    this.deliveredAt = at;
  }
}
