package io.leadflow.lead;

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

/** A contact a rep made with the lead: when, how, by whom, what came of it. */
@Entity
@Table(name = "lead_contacts")
public class LeadContact {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "lead_contacts_seq")
  @SequenceGenerator(name = "lead_contacts_seq", sequenceName = "lead_contacts_seq", allocationSize = 50)
  private Long id;

  @Column(nullable = false)
  private Long leadId;

  @Column(nullable = false)
  private Instant occurredAt;

  @Column(nullable = false)
  private Instant recordedAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private ContactChannel channel;

  @Column(nullable = false)
  private String rep;

  private String notes;

  protected LeadContact() {}

  LeadContact(long leadId, Instant occurredAt, Instant recordedAt, ContactChannel channel,
      String rep, String notes) {
    this.leadId = leadId;
    this.occurredAt = occurredAt;
    this.recordedAt = recordedAt;
    this.channel = channel;
    this.rep = rep;
    this.notes = notes;
  }

  public Long getId() { return id; }
  public Long getLeadId() { return leadId; }
  public Instant getOccurredAt() { return occurredAt; }
  public Instant getRecordedAt() { return recordedAt; }
  public ContactChannel getChannel() { return channel; }
  public String getRep() { return rep; }
  public String getNotes() { return notes; }
}
