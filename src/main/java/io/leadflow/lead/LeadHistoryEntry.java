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

/** One line of a lead's audit trail: what happened, to whom, by which strategy and rule, why. */
@Entity
@Table(name = "lead_history")
public class LeadHistoryEntry {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "lead_history_seq")
  @SequenceGenerator(name = "lead_history_seq", sequenceName = "lead_history_seq", allocationSize = 50)
  private Long id;

  @Column(nullable = false)
  private Long leadId;

  @Column(nullable = false)
  private Instant occurredAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private LeadEvent event;

  private String rep;
  private String team;
  private String strategy;
  private String routingRule;
  private String reason;

  protected LeadHistoryEntry() {}

  LeadHistoryEntry(Lead lead, LeadEvent event, String rep, String reason, Instant at) {
    this.leadId = lead.getId();
    this.occurredAt = at;
    this.event = event;
    this.rep = rep;
    this.team = lead.getTeam();
    this.strategy = lead.getStrategy();
    this.routingRule = lead.getRoutingRule();
    this.reason = reason;
  }

  public Long getId() { return id; }
  public Long getLeadId() { return leadId; }
  public Instant getOccurredAt() { return occurredAt; }
  public LeadEvent getEvent() { return event; }
  public String getRep() { return rep; }
  public String getTeam() { return team; }
  public String getStrategy() { return strategy; }
  public String getRoutingRule() { return routingRule; }
  public String getReason() { return reason; }
}
