package io.leadflow.lead;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** The lead's score at a moment, and what changed it (INTAKE, ACTIVITY PRICING_PAGE_VIEW, ...). */
@Entity
@Table(name = "lead_score_changes")
class ScoreChange {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "lead_score_changes_seq")
  @SequenceGenerator(name = "lead_score_changes_seq", sequenceName = "lead_score_changes_seq",
      allocationSize = 50)
  private Long id;

  @Column(nullable = false)
  private Long leadId;

  @Column(nullable = false)
  private Instant occurredAt;

  @Column(nullable = false)
  private int score;

  private Integer previousScore;

  @Column(nullable = false)
  private String cause;

  protected ScoreChange() {}

  ScoreChange(long leadId, Instant occurredAt, int score, Integer previousScore, String cause) {
    this.leadId = leadId;
    this.occurredAt = occurredAt;
    this.score = score;
    this.previousScore = previousScore;
    this.cause = cause;
  }

  public Long getId() { return id; }
  public Long getLeadId() { return leadId; }
  public Instant getOccurredAt() { return occurredAt; }
  public int getScore() { return score; }
  public Integer getPreviousScore() { return previousScore; }
  public String getCause() { return cause; }
}
