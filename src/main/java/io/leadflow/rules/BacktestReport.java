package io.leadflow.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a back-test answers (POST /api/rules/simulations): how many leads of the window would move
 * (team, stage, score band), the from-team → to-team matrix, each team's and rep's load as it was
 * and as it would be, how each rule of the candidate fared, how the leads that would move did in
 * fact, and a sample of them with both outcomes and the rule that decided each.
 *
 * @param unknownVersion leads from before LeadFlow kept the deciding version (V11): compared with
 *     their recorded team and rule
 * @param matrix from-team (as decided) → to-team (by the candidate) → leads, the unchanged ones
 *     on the diagonal
 * @param loadBasis how the reps' load was simulated
 * @param noEligibleRep moved leads whose new team would have had nobody eligible (the pool)
 * @param actualOutcomes per team as decided: how its leads of the window did
 * @param movedOutcomes per team by the candidate: how the leads that would move there did
 * @param teamNames the name of each team in the report (as the directory has it, "华东销售团队 /
 *     East China sales")
 */
record BacktestReport(String decisionKey, String candidate, Instant from, Instant to, String team,
    String source, long leads, long unknownVersion, long moved, long movedTeam, long movedStage,
    long movedBand, List<String> bands, Map<String, Map<String, Long>> matrix,
    Map<String, Map<String, Long>> bandMatrix, List<Load> teamLoad, List<Load> repLoad,
    String loadBasis, long noEligibleRep, List<RuleUse> rules,
    Map<String, Outcome> actualOutcomes, Map<String, Outcome> movedOutcomes,
    List<MovedLead> sample, Map<String, String> teamNames, long elapsedMillis, Instant ranAt) {

  static final String LOAD_BASIS = "NOW: a lead that stays in its team keeps its owner; a lead"
      + " that moves goes to the rep its new team's strategy picks among the reps as they are now"
      + " (availability, out of office, capacity, open leads, weights, rotation), each simulated"
      + " lead counted as open";

  /** Leads a team or rep received in fact (as decided) and would receive by the candidate. */
  record Load(String id, long actual, long candidate) {}

  /**
   * One rule of the candidate: how many leads of the window it matched, how many it decided
   * (under FIRST the first match; under COLLECT every match), whether it never matched. Under
   * FIRST also whether it is shadowed (an earlier rule covers it cell by cell: it can never
   * decide, whatever the leads) and whether it was overtaken (it matched leads of the window, but
   * earlier rules decided every one of them, mostly {@code overtakenBy}; not said of a last
   * "anything else" rule).
   */
  record RuleUse(String ruleId, String description, int position, long matched, long decided,
      boolean neverMatches, boolean shadowed, String shadowedBy, boolean overtaken,
      String overtakenBy) {}

  /**
   * How a set of leads did: how many, how many were contacted and their average first response
   * (seconds), the share that became an opportunity or customer, and the amount won.
   */
  record Outcome(long leads, long contacted, Long averageFirstResponseSeconds,
      double conversionRate, long converted, BigDecimal wonAmount) {}

  /** One table's decision for a lead: score, team, stage, the rule and its description. */
  record Side(Integer score, String team, String stage, String rule, String ruleDescription) {}

  /** A lead that would move: its facts, both decisions, and how it did in fact. */
  record MovedLead(long id, String company, String region, String industry, String product,
      Instant createdAt, Side actual, Side candidate, String stageNow,
      Long firstResponseSeconds, boolean converted, BigDecimal wonAmount) {}
}
