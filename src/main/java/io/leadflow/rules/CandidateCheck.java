package io.leadflow.rules;

import io.leadflow.directory.TeamDirectory;
import io.leadflow.engine.DecisionReplay.InputColumn;
import io.leadflow.engine.DecisionReplay.Table;
import io.leadflow.engine.DecisionReplay.UnreadableTable;
import io.leadflow.engine.DecisionReplay;
import io.leadflow.engine.DeploymentGuard.Refusal;
import io.leadflow.engine.DeploymentGuard;
import io.leadflow.models.LeadRouting;
import io.leadflow.routing.RoutingOutcome;
import io.leadflow.routing.RoutingProperties;
import io.leadflow.system.FieldProblem;
import io.leadflow.system.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The checks a routing or scoring table passes before it goes live, wherever it comes from (a
 * back-test's candidate, a restore, the rules page, Camunda Modeler through /engine-rest): it
 * parses; it is the kind of table LeadFlow reads (hit policy, the output it needs); every input
 * column reads only facts a lead has when the table runs; every cell can be read; and every
 * routing rule gives a team LeadFlow knows (or the pool) and a strategy, SLA, escalation time
 * and stage that {@link RoutingOutcome} takes as they are, every scoring rule a number of points.
 * Each refusal names the rule and the cell.
 *
 * <p>Registered with the engine's {@link DeploymentGuard} once every bean is up, so LeadFlow's
 * own deployment at start-up (before the directory the team check reads) is not checked: the
 * tables it ships are checked by its tests.
 */
@Component
class CandidateCheck implements DeploymentGuard.Check, SmartInitializingSingleton {

  private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern NAME = Pattern.compile("(?<![.\\w])([A-Za-z_][A-Za-z0-9_]*)"
      + "(?!\\w)(\\s*\\()?");
  private static final Set<String> KEYWORDS = Set.of("true", "false", "null", "and", "or",
      "not", "if", "then", "else", "for", "in", "return", "some", "every", "satisfies",
      "instance", "of", "between", "function");

  private final DecisionReplay replay;
  private final DeploymentGuard guard;
  private final TeamDirectory directory;
  private final RoutingProperties routing;

  CandidateCheck(DecisionReplay replay, DeploymentGuard guard, TeamDirectory directory,
      RoutingProperties routing) {
    this.replay = replay;
    this.guard = guard;
    this.directory = directory;
    this.routing = routing;
  }

  @Override
  public void afterSingletonsInstantiated() {
    guard.register(this);
  }

  /** For the deployment guard: the routing and scoring tables in the file, checked. */
  @Override
  public List<Refusal> check(String resourceName, byte[] dmn) {
    List<String> keys;
    try {
      keys = replay.decisionKeys(dmn);
    } catch (RuntimeException e) {
      return List.of(); // the engine's parser refuses it with its own message
    }
    List<Refusal> refusals = new ArrayList<>();
    for (String key : keys) {
      RuleTables kind = RuleTables.orNull(key);
      if (kind != null) {
        refusals.addAll(refusals(dmn, kind));
      }
    }
    return refusals;
  }

  /** The table of this kind from the file; a 400 naming each rule and cell that is wrong. */
  Table require(byte[] dmn, RuleTables kind) {
    List<Refusal> refusals = refusals(dmn, kind);
    if (!refusals.isEmpty()) {
      throw refused(refusals);
    }
    return replay.parse(dmn, kind.key);
  }

  static InvalidRequestException refused(List<Refusal> refusals) {
    return new InvalidRequestException(refusals.stream()
        .map(r -> new FieldProblem(r.ruleId() == null ? "file" : r.ruleId(), r.describe()))
        .toList());
  }

  List<Refusal> refusals(byte[] dmn, RuleTables kind) {
    Table table;
    try {
      table = replay.parse(dmn, kind.key);
    } catch (UnreadableTable e) {
      return List.of(new Refusal(e.ruleId(), e.column(), e.getMessage()));
    }
    return refusals(table, kind);
  }

  List<Refusal> refusals(Table table, RuleTables kind) {
    List<Refusal> refusals = new ArrayList<>();
    if (!kind.hitPolicy.equals(table.hitPolicy())) {
      refusals.add(new Refusal(null, null, "hit policy " + table.hitPolicy() + ": LeadFlow reads "
          + kind.key + " as " + kind.hitPolicy + (kind == RuleTables.SCORING ? " + SUM" : "")));
    }
    if (table.outputs().stream().noneMatch(o -> kind.requiredOutput.equals(o.name()))) {
      refusals.add(new Refusal(null, null, "no output named " + kind.requiredOutput));
    }
    Set<String> facts = kind.facts();
    for (InputColumn input : table.inputs()) {
      for (String name : namesRead(input.expression())) {
        if (!facts.contains(name)) {
          refusals.add(new Refusal(null, input.name(), "reads '" + name + "', which a lead does"
              + " not have when " + kind.key + " runs (it has " + facts.stream().sorted()
                  .collect(Collectors.joining(", ")) + ")"));
        }
      }
    }
    Map<String, Object> sample = kind.sampleVariables();
    try {
      table.checkInputCells(sample);
    } catch (UnreadableTable e) {
      refusals.add(new Refusal(e.ruleId(), e.column(), e.getMessage()));
    }
    Map<String, Map<String, Object>> outputs;
    try {
      outputs = table.outputsOfEveryRule(sample);
    } catch (UnreadableTable e) {
      refusals.add(new Refusal(e.ruleId(), e.column(), e.getMessage()));
      return refusals;
    }
    Set<String> teams = kind == RuleTables.ROUTING ? knownTeams() : Set.of();
    outputs.forEach((ruleId, values) -> {
      if (kind == RuleTables.ROUTING) {
        for (RoutingOutcome.OutputProblem problem
            : RoutingOutcome.problems(ruleId, values, routing, teams::contains)) {
          refusals.add(new Refusal(ruleId, column(table, problem.output()), problem.message()
              + ("team".equals(problem.output()) ? " (teams: " + String.join(", ", teams)
                  + ", or " + LeadRouting.POOL_TEAM + ")" : "")));
        }
      } else if (!(values.get(kind.requiredOutput) instanceof Number)) {
        refusals.add(new Refusal(ruleId, column(table, kind.requiredOutput), "gives "
            + values.get(kind.requiredOutput) + ", not a number of points"));
      }
    });
    return refusals;
  }

  private Set<String> knownTeams() {
    return directory.teams().stream().map(Group::getId)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String column(Table table, String outputName) {
    return table.outputs().stream().filter(o -> outputName.equals(o.name())).findFirst()
        .map(o -> o.label() != null ? o.label() + " (" + o.name() + ")" : o.name())
        .orElse(outputName);
  }

  /** The variables an input expression reads: its names outside strings, not functions. */
  static List<String> namesRead(String expression) {
    if (expression == null || expression.isBlank()) {
      return List.of();
    }
    String code = STRING_LITERAL.matcher(expression).replaceAll("\"\"");
    List<String> names = new ArrayList<>();
    Matcher m = NAME.matcher(code);
    while (m.find()) {
      String name = m.group(1);
      if (m.group(2) == null && !KEYWORDS.contains(name) && !names.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }
}
