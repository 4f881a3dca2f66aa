package io.leadflow.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.xml.ModelException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Decision tables replayed outside any process, for back-tests: a candidate file that is not
 * deployed, or a deployed version by its definition id, evaluated by a DMN engine of its own (no
 * history, no listeners of the process engine, nothing written), with every rule that matches.
 *
 * <p>Each table is evaluated as a copy with hit policy COLLECT and no aggregation, so one
 * evaluation tells every matching rule in table order: under FIRST the first of them is the
 * table's answer and the others are what it shadows; under COLLECT + SUM they are the summands.
 * Only Camunda's public DMN model and DMN engine APIs are used.
 */
@Component
public class DecisionReplay {

  /** How many deployed versions are kept parsed. */
  static final int MAX_CACHED_VERSIONS = 100;
  /** Per evaluator: how many distinct input tuples are remembered before it forgets them all. */
  static final int MAX_MEMO = 20_000;
  /** The name the input value of a unary test has, as in Camunda's DMN engine. */
  static final String CELL_INPUT = "cellInput";

  private final RepositoryService repository;
  private final DmnEngine quiet;
  private final FeelEngine feel;
  private final ThreadLocal<DmnDecisionTableEvaluationEvent> lastEvaluation = new ThreadLocal<>();
  private final BoundedCache<String, Table> deployed = new BoundedCache<>(MAX_CACHED_VERSIONS);

  @Autowired
  DecisionReplay(ProcessEngine engine) {
    this(engine.getRepositoryService(), ((ProcessEngineConfigurationImpl)
        engine.getProcessEngineConfiguration()).getDmnEngineConfiguration());
  }

  private DecisionReplay(RepositoryService repository, DefaultDmnEngineConfiguration engines) {
    this.repository = repository;
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.setFeelEngineFactory(new EngineTuning.ParsedOnceFeelEngineFactory(engines));
    configuration.customPostDecisionTableEvaluationListeners(List.of(lastEvaluation::set));
    this.quiet = configuration.buildEngine();
    this.feel = configuration.getFeelEngine();
  }

  /** Without a process engine: candidates only (tests, tools). */
  public static DecisionReplay standalone() {
    return new DecisionReplay(null, null);
  }

  /** A table that cannot be read, with what is wrong and, where known, the rule and column. */
  public static class UnreadableTable extends RuntimeException {
    private final String ruleId;
    private final String column;

    public UnreadableTable(String message, String ruleId, String column, Throwable cause) {
      super(message, cause);
      this.ruleId = ruleId;
      this.column = column;
    }

    public String ruleId() { return ruleId; }
    public String column() { return column; }
  }

  /**
   * The decision with this key from a DMN file as Modeler saves it.
   *
   * @throws UnreadableTable if it is no DMN, has no decision table of that key, or does not parse
   */
  public Table parse(byte[] xml, String decisionKey) {
    DmnModelInstance model;
    try {
      model = Dmn.readModelFromStream(new ByteArrayInputStream(xml));
    } catch (ModelException | IllegalArgumentException e) {
      throw new UnreadableTable("not a DMN file: " + rootMessage(e), null, null, e);
    }
    try {
      return table(xml, model, decisionKey);
    } catch (UnreadableTable e) {
      throw e;
    } catch (RuntimeException e) {
      throw new UnreadableTable("the table cannot be read: " + rootMessage(e), null, null, e);
    }
  }

  /** The decision tables a DMN file holds, by key, in file order. */
  public List<String> decisionKeys(byte[] xml) {
    try {
      return Dmn.readModelFromStream(new ByteArrayInputStream(xml))
          .getModelElementsByType(Decision.class).stream()
          .filter(d -> d.getExpression() instanceof DecisionTable).map(Decision::getId).toList();
    } catch (ModelException | IllegalArgumentException e) {
      throw new UnreadableTable("not a DMN file: " + rootMessage(e), null, null, e);
    }
  }

  /** A deployed version, by its decision definition id; parsed once. */
  public Table deployed(String definitionId) {
    return deployed.get(definitionId, id -> {
      var definition = repository.getDecisionDefinition(id);
      try (InputStream in = repository.getDecisionModel(id)) {
        return parse(in.readAllBytes(), definition.getKey());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, table -> true);
  }

  private Table table(byte[] xml, DmnModelInstance model, String decisionKey) {
    if (!(model.getModelElementById(decisionKey) instanceof Decision decision)
        || !(decision.getExpression() instanceof DecisionTable table)) {
      throw new UnreadableTable("the file has no decision table with id " + decisionKey, null,
          null, null);
    }
    String hitPolicy = table.getHitPolicy() == null ? "UNIQUE" : table.getHitPolicy().name();
    String aggregation = table.getAggregation() == null ? null : table.getAggregation().name();
    List<InputColumn> inputs = new ArrayList<>();
    for (Input input : table.getInputs()) {
      String expression = input.getInputExpression() == null
          || input.getInputExpression().getText() == null ? null
          : input.getInputExpression().getText().getTextContent().trim();
      inputs.add(new InputColumn(input.getId(), input.getLabel(), expression,
          input.getInputExpression() == null ? null : input.getInputExpression().getTypeRef(),
          input.getInputExpression() == null ? null
              : input.getInputExpression().getExpressionLanguage()));
    }
    List<OutputColumn> outputs = new ArrayList<>();
    for (Output output : table.getOutputs()) {
      outputs.add(new OutputColumn(output.getId(), output.getLabel(), output.getName(),
          output.getTypeRef()));
    }
    List<RuleRow> rules = new ArrayList<>();
    for (Rule rule : table.getRules()) {
      String description = rule.getDescription() == null ? null
          : rule.getDescription().getTextContent().trim();
      List<String> in = new ArrayList<>();
      List<String> inLanguages = new ArrayList<>();
      for (InputEntry entry : rule.getInputEntries()) {
        in.add(entry.getText() == null ? "" : entry.getText().getTextContent().trim());
        inLanguages.add(entry.getExpressionLanguage());
      }
      List<String> out = new ArrayList<>();
      List<String> outLanguages = new ArrayList<>();
      for (OutputEntry entry : rule.getOutputEntries()) {
        out.add(entry.getText() == null ? "" : entry.getText().getTextContent().trim());
        outLanguages.add(entry.getExpressionLanguage());
      }
      rules.add(new RuleRow(rules.size(), rule.getId(), description, in, out, inLanguages,
          outLanguages));
    }
    // The copy that tells every matching rule.
    table.setHitPolicy(HitPolicy.COLLECT);
    if (table.getAggregation() != null) {
      table.removeAttribute("aggregation");
    }
    DmnDecision collect;
    try {
      collect = quiet.parseDecision(decisionKey, model);
    } catch (RuntimeException e) {
      throw new UnreadableTable("the table does not parse: " + rootMessage(e), null, null, e);
    }
    return new Table(decisionKey, hitPolicy, aggregation, List.copyOf(inputs),
        List.copyOf(outputs), List.copyOf(rules), collect, xml);
  }

  /** An input column: its id, label, expression (a variable name, usually) and type. */
  public record InputColumn(String id, String label, String expression, String typeRef,
      String expressionLanguage) {
    /** The label, else the expression: how people know the column. */
    public String name() {
      return label != null && !label.isBlank() ? label : expression;
    }
  }

  /** An output column: its id, label, name and type. */
  public record OutputColumn(String id, String label, String name, String typeRef) {}

  /**
   * A rule: its position, id, description, and the text of each cell (input entries, then
   * output entries, in column order; "" for an empty cell).
   */
  public record RuleRow(int index, String id, String description, List<String> inputEntries,
      List<String> outputEntries, List<String> inputLanguages, List<String> outputLanguages) {}

  /** A matching rule: its position in the table, its id and its outputs by output name. */
  public record Match(int index, String ruleId, Map<String, Object> outputs) {}

  /** One decision table, ready to be replayed. */
  public final class Table {
    private final String key;
    private final String hitPolicy;
    private final String aggregation;
    private final List<InputColumn> inputs;
    private final List<OutputColumn> outputs;
    private final List<RuleRow> rules;
    private final DmnDecision collect;
    private final byte[] xml;
    private final boolean plainInputs;
    private final Map<String, Integer> positions = new HashMap<>();

    private Table(String key, String hitPolicy, String aggregation, List<InputColumn> inputs,
        List<OutputColumn> outputs, List<RuleRow> rules, DmnDecision collect, byte[] xml) {
      this.key = key;
      this.hitPolicy = hitPolicy;
      this.aggregation = aggregation;
      this.inputs = inputs;
      this.outputs = outputs;
      this.rules = rules;
      this.collect = collect;
      this.xml = xml;
      this.plainInputs = inputs.stream().allMatch(i -> i.expression() != null
          && i.expression().matches("[A-Za-z_][A-Za-z0-9_]*"));
      rules.forEach(rule -> positions.put(rule.id(), rule.index()));
    }

    public String key() { return key; }
    /** FIRST, COLLECT, UNIQUE, ... as the file says. */
    public String hitPolicy() { return hitPolicy; }
    /** SUM, COUNT, ... or null. */
    public String aggregation() { return aggregation; }
    public List<InputColumn> inputs() { return inputs; }
    public List<OutputColumn> outputs() { return outputs; }
    public List<RuleRow> rules() { return rules; }
    /** The file's bytes as they were read. */
    public byte[] xml() { return xml.clone(); }

    /**
     * An evaluator for one run of questions on one thread, which remembers the answer for each
     * tuple of the columns' values (their expressions being plain variable names), so the many
     * leads with the same facts cost one evaluation.
     */
    public Evaluator evaluator() {
      return new Evaluator(this);
    }

    /**
     * Each rule's output cells evaluated with these variables (FEEL, as the engine does it), by
     * rule id: a cell that cannot be evaluated is an {@link UnreadableTable} naming the rule and
     * column.
     */
    public Map<String, Map<String, Object>> outputsOfEveryRule(Map<String, Object> variables) {
      Map<String, Map<String, Object>> all = new LinkedHashMap<>();
      VariableMap context = Variables.fromMap(variables);
      for (RuleRow rule : rules) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < outputs.size() && i < rule.outputEntries().size(); i++) {
          String text = rule.outputEntries().get(i);
          if (text.isEmpty() || !feelOrDefault(rule.outputLanguages().get(i))) {
            values.put(outputs.get(i).name(), text.isEmpty() ? null : text);
            continue;
          }
          try {
            values.put(outputs.get(i).name(),
                feel.evaluateSimpleExpression(text, context.asVariableContext()));
          } catch (RuntimeException e) {
            throw new UnreadableTable("cannot evaluate " + text + ": " + rootMessage(e),
                rule.id(), outputs.get(i).label() != null ? outputs.get(i).label()
                    : outputs.get(i).name(), e);
          }
        }
        all.put(rule.id(), values);
      }
      return all;
    }

    /**
     * Checks every input cell (FEEL unary tests) against a value of its column's type and these
     * variables: a cell that does not parse is an {@link UnreadableTable} naming rule and column.
     */
    public void checkInputCells(Map<String, Object> variables) {
      for (RuleRow rule : rules) {
        for (int i = 0; i < inputs.size() && i < rule.inputEntries().size(); i++) {
          String text = rule.inputEntries().get(i);
          if (text.isEmpty() || "-".equals(text) || !feelOrDefault(rule.inputLanguages().get(i))) {
            continue;
          }
          Map<String, Object> context = new HashMap<>(variables);
          context.put(CELL_INPUT, sample(inputs.get(i).typeRef()));
          try {
            feel.evaluateSimpleUnaryTests(text, CELL_INPUT,
                Variables.fromMap(context).asVariableContext());
          } catch (RuntimeException e) {
            throw new UnreadableTable("cannot read " + text + ": " + rootMessage(e), rule.id(),
                inputs.get(i).name(), e);
          }
        }
      }
    }
  }

  /** Answers for one run on one thread; see {@link Table#evaluator()}. */
  public final class Evaluator {
    private final Table table;
    private final Map<List<Object>, List<Match>> memo = new HashMap<>();

    private Evaluator(Table table) {
      this.table = table;
    }

    /** Every rule that matches these variables, in table order. */
    public List<Match> matches(Map<String, Object> variables) {
      if (!table.plainInputs) {
        return evaluate(variables);
      }
      List<Object> tuple = new ArrayList<>(table.inputs.size());
      for (InputColumn input : table.inputs) {
        tuple.add(variables.get(input.expression()));
      }
      List<Match> known = memo.get(tuple);
      if (known != null) {
        return known;
      }
      List<Match> matches = evaluate(variables);
      if (memo.size() >= MAX_MEMO) {
        memo.clear();
      }
      memo.put(tuple, matches);
      return matches;
    }

    private List<Match> evaluate(Map<String, Object> variables) {
      lastEvaluation.remove();
      try {
        quiet.evaluateDecisionTable(table.collect, variables);
      } catch (RuntimeException e) {
        throw new UnreadableTable("the table cannot be evaluated: " + rootMessage(e), null, null,
            e);
      }
      DmnDecisionTableEvaluationEvent event = lastEvaluation.get();
      lastEvaluation.remove();
      List<Match> matches = new ArrayList<>();
      for (DmnEvaluatedDecisionRule rule : event.getMatchingRules()) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        rule.getOutputEntries().forEach((name, output) -> outputs.put(
            output.getOutputName() != null ? output.getOutputName() : name,
            output.getValue() == null ? null : output.getValue().getValue()));
        matches.add(new Match(table.positions.getOrDefault(rule.getId(), -1), rule.getId(),
            outputs));
      }
      return List.copyOf(matches);
    }
  }

  private static boolean feelOrDefault(String language) {
    return language == null || language.isBlank() || language.toLowerCase().contains("feel");
  }

  private static Object sample(String typeRef) {
    if (typeRef == null) {
      return null;
    }
    return switch (typeRef.toLowerCase()) {
      case "integer", "long" -> 0;
      case "double" -> 0.0;
      case "boolean" -> false;
      case "string" -> "";
      default -> null;
    };
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() != null ? root.getMessage() : e.getMessage();
    return message == null ? root.getClass().getSimpleName() : message.lines().findFirst()
        .orElse(message);
  }
}
