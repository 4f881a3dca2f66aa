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
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * One notification to one recipient on one channel (unique): the record that lets a retried
 * job skip what already went out, and the audit of what the provider answered.
 */
@Entity
@Table(name = "notification_deliveries")
class Delivery {

  enum Status {
    /** Not tried yet. */
    PENDING,
    /** The provider took it. */
    SENT,
    /** The last attempt failed; the job retries it. */
    FAILED
  }

  static final int TEXT_LIMIT = 2000;

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "notification_deliveries_seq")
  @SequenceGenerator(name = "notification_deliveries_seq",
      sequenceName = "notification_deliveries_seq", allocationSize = 50)
  private Long id;

  @Column(nullable = false)
  private long notificationId;
  @Column(nullable = false)
  private long leadId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Channel channel;

  @Column(nullable = false)
  private String recipient;
  private String address;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status = Status.PENDING;

  private int attempts;
  private String lastError;
  private String providerResponse;

  @Column(nullable = false)
  private Instant createdAt;
  private Instant sentAt;

  @Version private long version;

  protected Delivery() {}

  Delivery(Notification notification, Channel channel, String recipient, String address,
      Instant createdAt) {
    this.notificationId = notification.getId();
    this.leadId = notification.getLeadId();
    this.channel = channel;
    this.recipient = recipient;
    this.address = address;
    this.createdAt = createdAt;
  }

  void sent(String response, Instant at) {
    attempts++;
    status = Status.SENT;
    sentAt = at;
    lastError = null;
    providerResponse = clip(response);
  }

  void failed(String error) {
    attempts++;
    status = Status.FAILED;
    lastError = clip(error);
  }

  private static String clip(String text) {
    return text == null || text.length() <= TEXT_LIMIT ? text : text.substring(0, TEXT_LIMIT);
  }

  Long getId() { return id; }
  long getNotificationId() { return notificationId; }
  long getLeadId() { return leadId; }
  Channel getChannel() { return channel; }
  String getRecipient() { return recipient; }
  String getAddress() { return address; }
  Status getStatus() { return status; }
  int getAttempts() { return attempts; }
  String getLastError() { return lastError; }
  String getProviderResponse() { return providerResponse; }
  Instant getCreatedAt() { return createdAt; }
  Instant getSentAt() { return sentAt; }
}
