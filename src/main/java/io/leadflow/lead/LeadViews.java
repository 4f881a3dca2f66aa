package io.leadflow.lead;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the lead API answers. */
public final class LeadViews {

  private LeadViews() {}

  /**
   * Why the lead went where it went: the routing rule, and how the owner was picked; and the
   * versions of the routing and scoring decisions that decided (null when not known).
   */
  public record Routing(String rule, String reason, String strategy, String assignment,
      Integer routingDecisionVersion, Integer scoringDecisionVersion) {}

  record ScoreLine(String ruleId, String description, int points) {}

  record HistoryLine(Instant at, LeadEvent event, String rep, String team, String strategy,
      String routingRule, String reason) {}

  record LeadDetails(Long id, String externalId, LeadSource source, String name, String company,
      String title, boolean decisionMaker, String email, String phone, String region, String city,
      String industry, String product, Integer companySize, BigDecimal budget, List<String> tags,
      Map<String, Object> attributes, List<Activity> activities, String campaign, LeadStage stage,
      Integer score, List<ScoreLine> scoreBreakdown, String team, String strategy, String owner,
      boolean pooled, String poolReason, Instant slaDueAt, Routing routing, String processInstanceId,
      int duplicateCount, Instant createdAt, Instant updatedAt, Journey journey,
      List<ContactLine> contacts, List<ScoreChangeLine> scoreHistory, List<HistoryLine> history,
      List<DeliveryLog.Line> notifications) {}

  /**
   * When the lead reached each stage, its first response (first contact, and the seconds from
   * becoming an SQL, or from intake, to it), the escalation flag, and how it closed.
   */
  record Journey(Instant mqlAt, Instant sqlAt, Instant opportunityAt, Instant customerAt,
      Instant lostAt, Instant firstContactAt, Long firstResponseSeconds, boolean needsAttention,
      BigDecimal estimatedAmount, BigDecimal wonAmount, LostReason lostReason,
      LeadStage lostFromStage) {}

  record ContactLine(Instant at, ContactChannel channel, String rep, String notes) {}

  record ScoreChangeLine(Instant at, int score, Integer previousScore, String cause) {}

  record LeadSummary(Long id, String name, String company, LeadSource source, LeadStage stage,
      Integer score, String team, String owner, boolean pooled, Instant slaDueAt,
      boolean needsAttention, Instant createdAt) {}

  public static Routing routing(Lead lead) {
    return new Routing(lead.getRoutingRule(), lead.getRoutingReason(), lead.getStrategy(),
        lead.getAssignmentReason(), lead.getRoutingDecisionVersion(),
        lead.getScoringDecisionVersion());
  }

  static Journey journey(Lead lead) {
    Instant from = lead.getSqlAt() != null ? lead.getSqlAt() : lead.getCreatedAt();
    Long firstResponse = lead.getFirstContactAt() == null ? null
        : Math.max(0, Duration.between(from, lead.getFirstContactAt()).toSeconds());
    return new Journey(lead.getMqlAt(), lead.getSqlAt(), lead.getOpportunityAt(),
        lead.getCustomerAt(), lead.getLostAt(), lead.getFirstContactAt(), firstResponse,
        lead.isNeedsAttention(), lead.getEstimatedAmount(), lead.getWonAmount(),
        lead.getLostReason(), lead.getLostFromStage());
  }

  static LeadDetails details(Lead lead, List<LeadHistoryEntry> history,
      List<LeadContact> contacts, List<ScoreChange> scoreChanges,
      List<DeliveryLog.Line> notifications) {
    return new LeadDetails(lead.getId(), lead.getExternalId(), lead.getSource(), lead.getName(),
        lead.getCompany(), lead.getTitle(), lead.isDecisionMaker(), lead.getEmail(),
        lead.getPhone(), lead.getRegion(), lead.getCity(), lead.getIndustry(), lead.getProduct(),
        lead.getCompanySize(), lead.getBudget(), List.copyOf(lead.getTags()),
        Map.copyOf(lead.getAttributes()), List.copyOf(lead.getActivities()), lead.getCampaign(),
        lead.getStage(), lead.getScore(),
        lead.getScoreItems().stream()
            .map(i -> new ScoreLine(i.ruleId(), i.description(), i.points())).toList(),
        lead.getTeam(), lead.getStrategy(), lead.getOwner(), lead.isPooled(),
        lead.getPoolReason(), lead.getSlaDueAt(), routing(lead),
        lead.getProcessInstanceId(), lead.getDuplicateCount(), lead.getCreatedAt(),
        lead.getUpdatedAt(), journey(lead),
        contacts.stream().map(c -> new ContactLine(c.getOccurredAt(), c.getChannel(), c.getRep(),
            c.getNotes())).toList(),
        scoreChanges.stream().map(c -> new ScoreChangeLine(c.getOccurredAt(), c.getScore(),
            c.getPreviousScore(), c.getCause())).toList(),
        history.stream().map(h -> new HistoryLine(h.getOccurredAt(), h.getEvent(), h.getRep(),
            h.getTeam(), h.getStrategy(), h.getRoutingRule(), h.getReason())).toList(),
        notifications);
  }

  static LeadSummary summary(Lead lead) {
    return new LeadSummary(lead.getId(), lead.getName(), lead.getCompany(), lead.getSource(),
        lead.getStage(), lead.getScore(), lead.getTeam(), lead.getOwner(), lead.isPooled(),
        lead.getSlaDueAt(), lead.isNeedsAttention(), lead.getCreatedAt());
  }
}
