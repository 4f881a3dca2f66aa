package io.leadflow.rules;

import io.leadflow.assignment.AssignmentStrategy;
import io.leadflow.assignment.SimulatedAssignments;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.engine.DecisionReplay.Evaluator;
import io.leadflow.engine.DecisionReplay.Match;
import io.leadflow.engine.DecisionReplay.RuleRow;
import io.leadflow.engine.DecisionReplay.Table;
import io.leadflow.engine.DecisionReplay;
import io.leadflow.lead.LeadReplays.AtIntake;
import io.leadflow.lead.LeadReplays.Window;
import io.leadflow.lead.LeadReplays;
import io.leadflow.lifecycle.LifecycleVariables;
import io.leadflow.models.LeadLifecycle;
import io.leadflow.models.LeadRouting;
import io.leadflow.models.LeadScoring;
import io.leadflow.routing.RoutingOutcome;
import io.leadflow.routing.RoutingProperties;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * A back-test: every lead of the window, with its facts as they were at intake, through the
 * candidate table and through the version that actually decided it, compared. Nothing is
 * deployed, no process runs, no lead is written: the tables are evaluated by
 * {@link DecisionReplay}, the leads read by {@link LeadReplays} page by page, and only counts (and
 * a short sample) are kept, so memory does not grow with the window.
 *
 * <ul>
 *   <li>Routing candidate: both tables get the lead's facts at intake and the score it was routed
 *       with (its first score).</li>
 *   <li>Scoring candidate: the candidate's score against the score of the scoring version that ran
 *       (replayed on the same facts); the lead is then routed with the new score by the latest
 *       routing table, against what the routing version that ran gave it.</li>
 *   <li>Leads from before V11, whose versions are not known, count as decided by their recorded
 *       team, rule and first score.</li>
 *   <li>Reps' load: a lead that stays in its team keeps its owner; one that moves goes to the rep
 *       the new team's strategy would pick, with availability, capacity and open leads as they are
 *       now ({@link SimulatedAssignments}).</li>
 * </ul>
 */
@Component
class Backtest {

  static final int SAMPLE_SIZE = 50;

  private final DecisionReplay replay;
  private final LeadReplays history;
  private final RepositoryService repository;
  private final SimulatedAssignments assignments;
  private final RoutingProperties routing;
  private final TeamDirectory directory;
  private final Clock clock;

  Backtest(DecisionReplay replay, LeadReplays history, RepositoryService repository,
      SimulatedAssignments assignments, RoutingProperties routing, TeamDirectory directory,
      Clock clock) {
    this.directory = directory;
    this.replay = replay;
    this.history = history;
    this.repository = repository;
    this.assignments = assignments;
    this.routing = routing;
    this.clock = clock;
  }

  /** Score bands: a score above the n-th boundary is in band n + 1. */
  record Bands(List<Integer> boundaries) {
    int of(Integer score) {
      int band = 0;
      for (int boundary : boundaries) {
        if (score != null && score > boundary) {
          band++;
        }
      }
      return band;
    }

    String label(int band) {
      if (boundaries.isEmpty()) {
        return "all";
      }
      if (band == 0) {
        return "<=" + boundaries.get(0);
      }
      if (band == boundaries.size()) {
        return ">" + boundaries.get(band - 1);
      }
      return (boundaries.get(band - 1) + 1) + "-" + boundaries.get(band);
    }
  }

  /** What one table decided for one lead. */
  private record Decided(Integer score, String team, String strategy, String stage, String rule,
      String ruleDescription) {}

  BacktestReport run(RuleTables kind, Table candidate, String candidateLabel, Window window,
      Bands bands) {
    long started = System.nanoTime();
    Run run = new Run(kind, candidate, bands);
    long leads = history.forEach(window, run::replay);
    return run.report(candidateLabel, window, leads,
        (System.nanoTime() - started) / 1_000_000);
  }

  /** One run's state: evaluators (with their memory of answers) and the counts. */
  private final class Run {
    final RuleTables kind;
    final Table candidate;
    final Evaluator candidateEvaluator;
    final Bands bands;
    final Map<String, Evaluator> versions = new HashMap<>();
    final Map<String, Table> versionTables = new HashMap<>();
    final SimulatedAssignments.Simulation simulation = assignments.start();
    /** For a scoring candidate: the latest routing table routes the new score. */
    final Table latestRouting;
    final Evaluator latestRoutingEvaluator;

    long unknownVersion;
    long movedTeam;
    long movedStage;
    long movedBand;
    long moved;
    final Map<String, Map<String, Long>> matrix = new TreeMap<>();
    final Map<String, long[]> teamLoad = new TreeMap<>();
    final Map<String, long[]> repLoad = new TreeMap<>();
    long noEligibleRep;
    final long[] ruleMatched;
    final long[] ruleDecided;
    final Map<Integer, Map<Integer, Long>> takenBy = new HashMap<>();
    final Map<String, Outcomes> teamOutcomes = new TreeMap<>();
    final Map<String, Outcomes> movedOutcomes = new TreeMap<>();
    final Map<String, Map<String, Long>> bandMatrix = new TreeMap<>();
    final List<BacktestReport.MovedLead> sample = new ArrayList<>();

    Run(RuleTables kind, Table candidate, Bands bands) {
      this.kind = kind;
      this.candidate = candidate;
      this.candidateEvaluator = candidate.evaluator();
      this.bands = bands;
      this.ruleMatched = new long[candidate.rules().size()];
      this.ruleDecided = new long[candidate.rules().size()];
      if (kind == RuleTables.SCORING) {
        DecisionDefinition latest = repository.createDecisionDefinitionQuery()
            .decisionDefinitionKey(LeadRouting.DECISION_KEY).latestVersion().singleResult();
        latestRouting = latest == null ? null : replay.deployed(latest.getId());
        latestRoutingEvaluator = latestRouting == null ? null : latestRouting.evaluator();
      } else {
        latestRouting = null;
        latestRoutingEvaluator = null;
      }
    }

    void replay(AtIntake lead) {
      Map<String, Object> variables =
          new HashMap<>(LifecycleVariables.forNewLead(lead.id(), lead.facts(), lead.createdAt()));
      List<Match> candidateMatches;
      Decided actual;
      Decided proposed;
      if (kind == RuleTables.ROUTING) {
        variables.put(LeadLifecycle.SCORE, lead.intakeScore());
        candidateMatches = candidateEvaluator.matches(variables);
        actual = actualRouting(lead, variables, lead.intakeScore());
        proposed = routed(candidate, candidateMatches, lead.intakeScore());
      } else {
        candidateMatches = candidateEvaluator.matches(variables);
        Integer candidateScore = sum(candidateMatches);
        Evaluator scoredBy = version(lead.scoringDecisionId());
        List<Match> actualMatches = scoredBy == null ? null : scoredBy.matches(variables);
        Integer actualScore = actualMatches == null ? lead.intakeScore() : sum(actualMatches);
        variables.put(LeadLifecycle.SCORE, actualScore);
        actual = withRules(actualRouting(lead, variables, actualScore), actualMatches);
        Map<String, Object> rescored = new HashMap<>(variables);
        rescored.put(LeadLifecycle.SCORE, candidateScore);
        proposed = latestRoutingEvaluator == null
            ? new Decided(candidateScore, actual.team(), actual.strategy(), actual.stage(),
                actual.rule(), actual.ruleDescription())
            : withRules(routed(latestRouting, latestRoutingEvaluator.matches(rescored),
                candidateScore), candidateMatches);
      }
      countRules(candidateMatches);
      compare(lead, actual, proposed);
    }

    /** For a scoring candidate, "why" is also the scoring rules that matched (null: unknown). */
    private Decided withRules(Decided routed, List<Match> scoringMatches) {
      if (scoringMatches == null) {
        return routed;
      }
      String rules = String.join(" + ", scoringMatches.stream().map(Match::ruleId).toList());
      return new Decided(routed.score(), routed.team(), routed.strategy(), routed.stage(),
          routed.rule() + (rules.isEmpty() ? "" : " (" + rules + ")"),
          routed.ruleDescription());
    }

    private Decided actualRouting(AtIntake lead, Map<String, Object> variables, Integer score) {
      Evaluator version = version(lead.routingDecisionId());
      if (version == null) {
        unknownVersion++;
        return new Decided(score, lead.team(), null, null, lead.routingRule(), null);
      }
      return routed(versionTables.get(lead.routingDecisionId()), version.matches(variables),
          score);
    }

    private Evaluator version(String definitionId) {
      if (definitionId == null) {
        return null;
      }
      if (!versions.containsKey(definitionId)) {
        Table table;
        try {
          table = replay.deployed(definitionId);
        } catch (RuntimeException e) {
          table = null; // deleted since: not known
        }
        versionTables.put(definitionId, table);
        versions.put(definitionId, table == null ? null : table.evaluator());
      }
      return versions.get(definitionId);
    }

    private Decided routed(Table table, List<Match> matches, Integer score) {
      Match first = matches.isEmpty() ? null : matches.get(0);
      RoutingOutcome outcome = RoutingOutcome.interpret(first == null ? null : first.ruleId(),
          first == null ? null : first.outputs(), routing);
      String description = first == null ? null : description(table, first.index());
      return new Decided(score, outcome.team(), outcome.strategy(), outcome.stage().name(),
          outcome.rule(), description);
    }

    private static String description(Table table, int index) {
      if (table == null || index < 0 || index >= table.rules().size()) {
        return null;
      }
      RuleRow rule = table.rules().get(index);
      return rule.description();
    }

    private static Integer sum(List<Match> matches) {
      int sum = 0;
      for (Match match : matches) {
        if (match.outputs().get(LeadScoring.POINTS) instanceof Number n) {
          sum += n.intValue();
        }
      }
      return sum;
    }

    private void countRules(List<Match> matches) {
      for (int i = 0; i < matches.size(); i++) {
        int index = matches.get(i).index();
        if (index < 0) {
          continue;
        }
        ruleMatched[index]++;
        boolean decides = kind == RuleTables.SCORING || i == 0;
        if (decides) {
          ruleDecided[index]++;
        } else {
          takenBy.computeIfAbsent(index, k -> new HashMap<>())
              .merge(matches.get(0).index(), 1L, Long::sum);
        }
      }
    }

    private void compare(AtIntake lead, Decided actual, Decided proposed) {
      String from = String.valueOf(actual.team());
      String to = String.valueOf(proposed.team());
      boolean teamChanged = !from.equals(to);
      boolean stageChanged = actual.stage() != null && !actual.stage().equals(proposed.stage());
      int bandFrom = bands.of(actual.score());
      int bandTo = bands.of(proposed.score());
      boolean bandChanged = actual.score() != null && bandFrom != bandTo;
      matrix.computeIfAbsent(from, k -> new TreeMap<>()).merge(to, 1L, Long::sum);
      bandMatrix.computeIfAbsent(bands.label(bandFrom), k -> new TreeMap<>())
          .merge(bands.label(bandTo), 1L, Long::sum);
      teamLoad.computeIfAbsent(from, k -> new long[2])[0]++;
      teamLoad.computeIfAbsent(to, k -> new long[2])[1]++;
      teamOutcomes.computeIfAbsent(from, k -> new Outcomes()).add(lead);
      if (lead.owner() != null) {
        repLoad.computeIfAbsent(lead.owner(), k -> new long[2])[0]++;
      }
      String rep = repFor(lead, actual, proposed);
      if (rep != null) {
        repLoad.computeIfAbsent(rep, k -> new long[2])[1]++;
      }
      if (teamChanged) {
        movedTeam++;
        movedOutcomes.computeIfAbsent(to, k -> new Outcomes()).add(lead);
      }
      if (stageChanged) {
        movedStage++;
      }
      if (bandChanged) {
        movedBand++;
      }
      if (teamChanged || stageChanged || bandChanged) {
        moved++;
        if (sample.size() < SAMPLE_SIZE) {
          sample.add(new BacktestReport.MovedLead(lead.id(), lead.facts().company(),
              lead.facts().region(), lead.facts().industry(), lead.facts().product(),
              lead.createdAt(), side(actual), side(proposed), lead.stage().name(),
              lead.firstResponseSeconds(), lead.converted(), lead.wonAmount()));
        }
      }
    }

    private String repFor(AtIntake lead, Decided actual, Decided proposed) {
      if (LeadRouting.POOL_TEAM.equals(proposed.team())) {
        return null;
      }
      if (String.valueOf(proposed.team()).equals(String.valueOf(actual.team()))) {
        return lead.owner();
      }
      AssignmentStrategy strategy;
      try {
        strategy = AssignmentStrategy.valueOf(proposed.strategy());
      } catch (RuntimeException e) {
        strategy = AssignmentStrategy.valueOf(routing.defaultStrategy());
      }
      String rep = simulation.pick(proposed.team(), strategy);
      if (rep == null) {
        noEligibleRep++;
      }
      return rep;
    }

    private static BacktestReport.Side side(Decided decided) {
      return new BacktestReport.Side(decided.score(), decided.team(), decided.stage(),
          decided.rule(), decided.ruleDescription());
    }

    BacktestReport report(String candidateLabel, Window window, long leads, long millis) {
      List<BacktestReport.RuleUse> rules = new ArrayList<>();
      List<RuleRow> rows = candidate.rules();
      for (RuleRow row : rows) {
        int i = row.index();
        String shadowedBy = kind == RuleTables.ROUTING ? staticShadow(rows, row) : null;
        String mostlyTakenBy = null;
        Map<Integer, Long> taken = takenBy.get(i);
        if (taken != null && !taken.isEmpty()) {
          int top = taken.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
          mostlyTakenBy = top >= 0 && top < rows.size() ? rows.get(top).id() : null;
        }
        boolean overtaken = kind == RuleTables.ROUTING && shadowedBy == null
            && ruleMatched[i] > 0 && ruleDecided[i] == 0 && !catchAll(row);
        rules.add(new BacktestReport.RuleUse(row.id(), row.description(), i + 1, ruleMatched[i],
            ruleDecided[i], ruleMatched[i] == 0, shadowedBy != null, shadowedBy, overtaken,
            overtaken ? mostlyTakenBy : null));
      }
      List<BacktestReport.Load> teams = new ArrayList<>();
      teamLoad.forEach((team, load) -> teams.add(new BacktestReport.Load(team, load[0], load[1])));
      List<BacktestReport.Load> reps = new ArrayList<>();
      repLoad.forEach((rep, load) -> reps.add(new BacktestReport.Load(rep, load[0], load[1])));
      Map<String, BacktestReport.Outcome> actualOutcomes = new TreeMap<>();
      teamOutcomes.forEach((team, o) -> actualOutcomes.put(team, o.view()));
      Map<String, BacktestReport.Outcome> movedTo = new TreeMap<>();
      movedOutcomes.forEach((team, o) -> movedTo.put(team, o.view()));
      List<String> bandLabels = new ArrayList<>();
      for (int b = 0; b <= bands.boundaries().size(); b++) {
        bandLabels.add(bands.label(b));
      }
      return new BacktestReport(kind.key, candidateLabel, window.from(), window.to(),
          window.team(), window.source() == null ? null : window.source().name(), leads,
          unknownVersion, moved, movedTeam, movedStage, movedBand, bandLabels, matrix,
          bandMatrix, teams, reps, BacktestReport.LOAD_BASIS, noEligibleRep, rules,
          actualOutcomes, movedTo, sample, teamNames(teamLoad.keySet()), millis, clock.instant());
    }
  }

  private Map<String, String> teamNames(Set<String> ids) {
    Map<String, String> names = new TreeMap<>();
    for (Group group : directory.teams()) {
      if (ids.contains(group.getId()) && group.getName() != null) {
        names.put(group.getId(), group.getName());
      }
    }
    return names;
  }

  /**
   * The earlier rule that takes every lead this one could match, read from the cells alone: each
   * of its input cells is empty ("-") or the same text as this rule's. Null if none.
   */
  static String staticShadow(List<RuleRow> rows, RuleRow row) {
    for (RuleRow earlier : rows) {
      if (earlier.index() >= row.index()) {
        return null;
      }
      boolean covers = true;
      for (int c = 0; c < earlier.inputEntries().size() && covers; c++) {
        String cell = earlier.inputEntries().get(c);
        String mine = c < row.inputEntries().size() ? row.inputEntries().get(c) : "";
        covers = cell.isEmpty() || "-".equals(cell) || cell.equals(mine);
      }
      if (covers) {
        return earlier.id();
      }
    }
    return null;
  }

  /** A rule whose every input cell is empty: the table's "anything else". */
  static boolean catchAll(RuleRow row) {
    return row.inputEntries().stream().allMatch(cell -> cell.isEmpty() || "-".equals(cell));
  }

  /** How a set of leads actually did. */
  private static final class Outcomes {
    long leads;
    long contacted;
    long responseSeconds;
    long converted;
    BigDecimal won = BigDecimal.ZERO;

    void add(AtIntake lead) {
      leads++;
      Long frt = lead.firstResponseSeconds();
      if (frt != null) {
        contacted++;
        responseSeconds += frt;
      }
      if (lead.converted()) {
        converted++;
      }
      if (lead.wonAmount() != null) {
        won = won.add(lead.wonAmount());
      }
    }

    BacktestReport.Outcome view() {
      return new BacktestReport.Outcome(leads, contacted,
          contacted == 0 ? null : responseSeconds / contacted,
          leads == 0 ? 0 : (double) converted / leads, converted, won);
    }
  }
}
