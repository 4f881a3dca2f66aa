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

  @Column(nullable = false)
  private Instant createdAt;

  @Column(nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Lead() {}

  Lead(LeadSource source, Instant now) {
    this.source = source;
    this.createdAt = now;
    this.updatedAt = now;
  }

  // --- changes, each stamping updatedAt

  void recordScore(int score, List<ScoreItem> items, Instant now) {
    this.score = score;
    this.scoreItems.clear();
    this.scoreItems.addAll(items);
    this.updatedAt = now;
  }

  void recordRouting(String team, String strategy, LeadStage stage, String rule, String reason,
      Instant now) {
    this.team = team;
    this.strategy = strategy;
    stamp(stage, now);
    this.routingRule = rule;
    this.routingReason = reason;
    this.updatedAt = now;
  }

  void assignTo(String owner, Instant slaDueAt, Instant now) {
    this.owner = owner;
    this.slaDueAt = slaDueAt;
    this.pooled = false;
    this.poolReason = null;
    this.updatedAt = now;
  }

  void putIntoPool(String reason, Instant now) {
    this.owner = null;
    this.slaDueAt = null;
    this.pooled = true;
    this.poolReason = reason;
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
    return true;
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

  void mergeDuplicate(Instant now) {
    this.duplicateCount++;
    this.updatedAt = now;
  }

  // --- accessors (setters for intake only, package-private)

  public Long getId() { return id; }
  public String getExternalId() { return externalId; }
  void setExternalId(String externalId) { this.externalId = externalId; }
  public LeadSource getSource() { return source; }
  public String getName() { return name; }
  void setName(String name) { this.name = name; }
  public String getCompany() { return company; }
  void setCompany(String company) { this.company = company; }
  public String getTitle() { return title; }
  void setTitle(String title) { this.title = title; }
  public boolean isDecisionMaker() { return decisionMaker; }
  void setDecisionMaker(boolean decisionMaker) { this.decisionMaker = decisionMaker; }
  public String getEmail() { return email; }
  void setEmail(String email) { this.email = email; }
  public String getPhone() { return phone; }
  void setPhone(String phone) { this.phone = phone; }
  public String getRegion() { return region; }
  void setRegion(String region) { this.region = region; }
  public String getCity() { return city; }
  void setCity(String city) { this.city = city; }
  public String getIndustry() { return industry; }
  void setIndustry(String industry) { this.industry = industry; }
  public String getProduct() { return product; }
  void setProduct(String product) { this.product = product; }
  public Integer getCompanySize() { return companySize; }
  void setCompanySize(Integer companySize) { this.companySize = companySize; }
  public BigDecimal getBudget() { return budget; }
  void setBudget(BigDecimal budget) { this.budget = budget; }
  public List<String> getTags() { return tags; }
  void setTags(List<String> tags) { this.tags = new ArrayList<>(tags); }
  public Map<String, Object> getAttributes() { return attributes; }
  void setAttributes(Map<String, Object> attributes) { this.attributes = new LinkedHashMap<>(attributes); }
  public List<Activity> getActivities() { return activities; }
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
  public String getRoutingReason() { return routingReason; }
  public String getAssignmentReason() { return assignmentReason; }
  public String getProcessInstanceId() { return processInstanceId; }
  void setProcessInstanceId(String processInstanceId) { this.processInstanceId = processInstanceId; }
  public int getDuplicateCount() { return duplicateCount; }
  public Instant getCreatedAt() { return createdAt; }
  public Instant getUpdatedAt() { return updatedAt; }
}
