package io.leadflow.lead;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lead: the person and company as they came in (normalised), and where the lead stands now.
 * The process instance of LeadLifecycle carries the lead id as its business key.
 */
@Entity
@Table(name = "leads")
public class Lead {

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "leads_seq")
  @SequenceGenerator(name = "leads_seq", sequenceName = "leads_seq", allocationSize = 50)
  private Long id;

  private String externalId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private LeadSource source;

  private String name;
  private String company;
  private String title;
  private boolean decisionMaker;
  private String email;
  private String phone;
  private String region;
  private String city;
  private String industry;
  private String product;
  private Integer companySize;
  private BigDecimal budget;
  /** The campaign the lead came in with (e.g. an import's 2026上海工博会), if any. */
  private String campaign;

  @Convert(converter = JsonColumns.StringList.class)
  private List<String> tags = new ArrayList<>();

  @Convert(converter = JsonColumns.ObjectMap.class)
  private Map<String, Object> attributes = new LinkedHashMap<>();

  @ElementCollection
  @CollectionTable(name = "lead_activities", joinColumns = @JoinColumn(name = "lead_id"))
  private List<Activity> activities = new ArrayList<>();

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private LeadStage stage = LeadStage.NEW;

  private Integer score;

  @ElementCollection
  @CollectionTable(name = "lead_score_items", joinColumns = @JoinColumn(name = "lead_id"))
  @OrderColumn(name = "position")
  private List<ScoreItem> scoreItems = new ArrayList<>();

  private String team;
  private String strategy;
  private String owner;
  private boolean pooled;
  private String poolReason;
  private Instant slaDueAt;
  private String routingRule;
  private String routingReason;
  /**
   * The deployed versions of the routing and scoring decisions that last routed and scored this
   * lead (Camunda's decision definition id and version); null for leads from before V11 and for a
   * lead not yet routed or scored.
   */
  private String routingDecisionId;
  private Integer routingDecisionVersion;
  private String scoringDecisionId;
  private Integer scoringDecisionVersion;
  /**
   * How the owner was picked by the assignment (strategy and skipped reps), or why the lead went
   * to the pool: the reason of its last ASSIGNED or POOLED history entry.
   */
  private String assignmentReason;
  private String processInstanceId;
  private int duplicateCount;

  // --- when the lead reached each stage, and how it closed
  private Instant mqlAt;
  private Instant sqlAt;
  private Instant opportunityAt;
  private Instant customerAt;
  private Instant lostAt;
  @Enumerated(EnumType.STRING)
  private LostReason lostReason;
  @Enumerated(EnumType.STRING)
  private LeadStage lostFromStage;
  private Instant firstContactAt;
  private boolean needsAttention;
  private BigDecimal estimatedAmount;
  private BigDecimal wonAmount;

  // --- what the reports need of the history, kept as it happens (V12, docs/reporting.md)
  /** The first owner (by an assignment strategy or a claim), when, and their SLA. */
  private Instant firstAssignedAt;
  private String firstRep;
  private Instant firstSlaDueAt;
  /** ASSIGNED (by the team's strategy) or CLAIMED (from the pool). */
  @Enumerated(EnumType.STRING)
  private LeadEvent firstAssignedBy;
  /** First contact - first assignment, in seconds; and in working seconds (business hours). */
  private Long firstResponseSeconds;
  private Long firstResponseWorkingSeconds;
  private int reclaimCount;
  private int claimCount;
  private Instant firstPooledAt;
  /** From entering the pool the first time to the first claim, in seconds. */
  private Long poolWaitSeconds;
  private boolean poolExpired;
  /** Customer - created, in seconds. */
  private Long cycleSeconds;

  @Column(nullable = false)
  private Instant createdAt;

  @Column(nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Lead() {}

  Lead(LeadFacts facts, Instant now) {
    this.source = facts.source();
    this.externalId = facts.externalId();
    this.name = facts.name();
    this.company = facts.company();
    this.title = facts.title();
    this.decisionMaker = facts.decisionMaker();
    this.email = facts.email();
    this.phone = facts.phone();
    this.region = facts.region();
    this.city = facts.city();
    this.industry = facts.industry();
    this.product = facts.product();
    this.companySize = facts.companySize();
    this.budget = facts.budget();
    this.tags = new ArrayList<>(facts.tags());
    this.attributes = new LinkedHashMap<>(facts.attributes());
    this.activities.addAll(facts.activities());
    this.createdAt = now;
    this.updatedAt = now;
  }

  /** The facts the lead came in with (its activities as they are now). */
  public LeadFacts facts() {
    return new LeadFacts(externalId, source, name, company, title, decisionMaker, email, phone,
        region, city, industry, product, companySize, budget, tags, attributes, activities);
  }

  // --- changes, each stamping updatedAt

  void recordScore(int score, List<ScoreItem> items, String decisionId, Integer decisionVersion,
      Instant now) {
    this.score = score;
    this.scoringDecisionId = decisionId;
    this.scoringDecisionVersion = decisionVersion;
    this.scoreItems.clear();
    this.scoreItems.addAll(items);
    this.updatedAt = now;
  }

  void recordRouting(String team, String strategy, LeadStage stage, String rule, String reason,
      String decisionId, Integer decisionVersion, Instant now) {
    this.routingDecisionId = decisionId;
    this.routingDecisionVersion = decisionVersion;
    this.team = team;
    this.strategy = strategy;
    stamp(stage, now);
    this.routingRule = rule;
    this.routingReason = reason;
    this.updatedAt = now;
  }

  /** The first owner the lead had (kept for the reports); later owners leave it. */
  void firstOwner(LeadEvent by, String rep, Instant slaDueAt, Instant now) {
    if (firstAssignedAt == null) {
      firstAssignedBy = by;
      firstAssignedAt = now;
      firstRep = rep;
      firstSlaDueAt = slaDueAt;
    }
  }

  void reclaimed() {
    reclaimCount++;
  }

  /** Claimed from the pool: the first claim ends the lead's first wait in the pool. */
  void claimed(Instant now) {
    if (claimCount == 0 && firstPooledAt != null) {
      poolWaitSeconds = Math.max(0, Duration.between(firstPooledAt, now).toSeconds());
    }
    claimCount++;
  }

  void expiredFromPool() {
    poolExpired = true;
  }

  void assignTo(String owner, Instant slaDueAt, Instant now) {
    this.owner = owner;
    this.slaDueAt = slaDueAt;
    this.pooled = false;
    this.poolReason = null;
    this.updatedAt = now;
  }

  void putIntoPool(String reason, Instant now) {
    if (firstPooledAt == null) {
      firstPooledAt = now;
    }
    this.owner = null;
    this.slaDueAt = null;
    this.pooled = true;
    this.poolReason = reason;
    this.updatedAt = now;
  }

  /** The lead is the team's from now on (a claim from the general pool). */
  void joinTeam(String team, Instant now) {
    this.team = team;
    this.updatedAt = now;
  }

  void explainAssignment(String reason) {
    this.assignmentReason = reason;
  }

  void leavePool(LeadStage stage, Instant now) {
    this.pooled = false;
    stamp(stage, now);
    this.updatedAt = now;
  }

  void moveTo(LeadStage stage, Instant now) {
    stamp(stage, now);
    this.updatedAt = now;
  }

  /** Lost from whatever stage it was in, for this reason. */
  void lose(LostReason reason, Instant now) {
    this.lostFromStage = this.stage;
    this.lostReason = reason;
    stamp(LeadStage.LOST, now);
    this.updatedAt = now;
  }

  /** Won: a customer now, with the contract amount. */
  void win(BigDecimal amount, Instant now) {
    this.wonAmount = amount;
    stamp(LeadStage.CUSTOMER, now);
    this.cycleSeconds = Duration.between(createdAt, now).toSeconds();
    this.updatedAt = now;
  }

  void estimate(BigDecimal amount, Instant now) {
    this.estimatedAmount = amount;
    this.updatedAt = now;
  }

  /** The first contact is the lead's first response; later ones leave it. True if first. */
  boolean contacted(Instant at, Instant now) {
    this.updatedAt = now;
    if (firstContactAt != null) {
      return false;
    }
    firstContactAt = at;
    if (firstAssignedAt != null) {
      firstResponseSeconds = Math.max(0, Duration.between(firstAssignedAt, at).toSeconds());
    }
    return true;
  }

  /** The first response in working time, when the SLAs count working time. */
  void firstResponseInWorkingTime(Long seconds) {
    this.firstResponseWorkingSeconds = seconds;
  }

  void flagAttention(boolean flag, Instant now) {
    this.needsAttention = flag;
    this.updatedAt = now;
  }

  /**
   * Enters the stage, time-stamping the first time the lead reaches it; a stage that moves clears
   * the escalation flag.
   */
  private void stamp(LeadStage next, Instant now) {
    if (next != this.stage) {
      this.needsAttention = false;
    }
    this.stage = next;
    switch (next) {
      case MQL -> mqlAt = mqlAt == null ? now : mqlAt;
      case SQL -> sqlAt = sqlAt == null ? now : sqlAt;
      case OPPORTUNITY -> opportunityAt = opportunityAt == null ? now : opportunityAt;
      case CUSTOMER -> customerAt = now;
      case LOST -> lostAt = now;
      default -> { }
    }
  }

  void addActivities(List<Activity> more, Instant now) {
    this.activities.addAll(more);
    this.updatedAt = now;
  }

  void mergeDuplicate(Instant now) {
    this.duplicateCount++;
    this.updatedAt = now;
  }

  // --- accessors

  public Long getId() { return id; }
  public String getExternalId() { return externalId; }
  public LeadSource getSource() { return source; }
  public String getName() { return name; }
  public String getCompany() { return company; }
  public String getTitle() { return title; }
  public boolean isDecisionMaker() { return decisionMaker; }
  public String getEmail() { return email; }
  public String getPhone() { return phone; }
  public String getRegion() { return region; }
  public String getCity() { return city; }
  public String getIndustry() { return industry; }
  public String getProduct() { return product; }
  public Integer getCompanySize() { return companySize; }
  public BigDecimal getBudget() { return budget; }
  public String getCampaign() { return campaign; }
  void setCampaign(String campaign) { this.campaign = campaign; }
  public List<String> getTags() { return List.copyOf(tags); }
  void setTags(List<String> tags) { this.tags = new ArrayList<>(tags); }
  public Map<String, Object> getAttributes() { return attributes; }
  public List<Activity> getActivities() { return List.copyOf(activities); }
  public LeadStage getStage() { return stage; }
  public Integer getScore() { return score; }
  public List<ScoreItem> getScoreItems() { return scoreItems; }
  public String getTeam() { return team; }
  public String getStrategy() { return strategy; }
  public String getOwner() { return owner; }
  public boolean isPooled() { return pooled; }
  public String getPoolReason() { return poolReason; }
  public Instant getMqlAt() { return mqlAt; }
  public Instant getSqlAt() { return sqlAt; }
  public Instant getOpportunityAt() { return opportunityAt; }
  public Instant getCustomerAt() { return customerAt; }
  public Instant getLostAt() { return lostAt; }
  public LostReason getLostReason() { return lostReason; }
  public LeadStage getLostFromStage() { return lostFromStage; }
  public Instant getFirstContactAt() { return firstContactAt; }
  public boolean isNeedsAttention() { return needsAttention; }
  public BigDecimal getEstimatedAmount() { return estimatedAmount; }
  public BigDecimal getWonAmount() { return wonAmount; }
  public Instant getSlaDueAt() { return slaDueAt; }
  public String getRoutingRule() { return routingRule; }
  public String getRoutingDecisionId() { return routingDecisionId; }
  public Integer getRoutingDecisionVersion() { return routingDecisionVersion; }
  public String getScoringDecisionId() { return scoringDecisionId; }
  public Integer getScoringDecisionVersion() { return scoringDecisionVersion; }
  public String getRoutingReason() { return routingReason; }
  public String getAssignmentReason() { return assignmentReason; }
  public String getProcessInstanceId() { return processInstanceId; }
  void setProcessInstanceId(String processInstanceId) { this.processInstanceId = processInstanceId; }
  public int getDuplicateCount() { return duplicateCount; }
  public Instant getCreatedAt() { return createdAt; }
  public Instant getFirstAssignedAt() { return firstAssignedAt; }
  public String getFirstRep() { return firstRep; }
  public Instant getFirstSlaDueAt() { return firstSlaDueAt; }
  public LeadEvent getFirstAssignedBy() { return firstAssignedBy; }
  public Long getFirstResponseSeconds() { return firstResponseSeconds; }
  public Long getFirstResponseWorkingSeconds() { return firstResponseWorkingSeconds; }
  public int getReclaimCount() { return reclaimCount; }
  public int getClaimCount() { return claimCount; }
  public Instant getFirstPooledAt() { return firstPooledAt; }
  public Long getPoolWaitSeconds() { return poolWaitSeconds; }
  public boolean isPoolExpired() { return poolExpired; }
  public Long getCycleSeconds() { return cycleSeconds; }
  public Instant getUpdatedAt() { return updatedAt; }
}
