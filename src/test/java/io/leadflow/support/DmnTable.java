package io.leadflow.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;

/**
 * One decision table from the test classpath, on the plain DMN engine (no process engine). Every
 * evaluation is captured with a post decision table evaluation listener, the same mechanism the app
 * uses to record the matched rules on the lead, so a test can ask which rules matched.
 *
 * <p>Also the checks every table's model gets: bilingual texts, every rule complete, drawn in the
 * DMNDI for Camunda Modeler.
 */
public final class DmnTable {

  private static final String DMNDI = "https://www.omg.org/spec/DMN/20191111/DMNDI/";
  private static final String BILINGUAL = ".*\\p{IsHan}.* / [A-Za-z].*";

  private final String resource;
  private final List<DmnDecisionTableEvaluationEvent> evaluations = new ArrayList<>();
  private final DmnEngine dmnEngine;
  private final DmnDecision decision;

  private DmnTable(String resource, String decisionKey) {
    this.resource = resource;
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.customPostDecisionTableEvaluationListeners(List.of(evaluations::add));
    dmnEngine = configuration.buildEngine();
    try (InputStream table = open()) {
      decision = dmnEngine.parseDecision(decisionKey, table);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses the decision {@code decisionKey} from {@code resource} (a classpath path such as /decisions/X.dmn). */
  public static DmnTable load(String resource, String decisionKey) {
    return new DmnTable(resource, decisionKey);
  }

  /** Evaluates the table with these variables, forgetting the evaluations captured before. */
  public DmnDecisionTableResult evaluate(Map<String, Object> variables) {
    evaluations.clear();
    return dmnEngine.evaluateDecisionTable(decision, variables);
  }

  /** The evaluation of the last {@link #evaluate}: asserts there was exactly one. */
  public DmnDecisionTableEvaluationEvent lastEvaluation() {
    assertThat(evaluations).as("decision table evaluations").hasSize(1);
    return evaluations.get(0);
  }

  /** The ids of the rules that matched in the last {@link #evaluate}, in table order. */
  public List<String> matchedRules() {
    return lastEvaluation().getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).toList();
  }

  /**
   * Evaluates a FIRST hit table: asserts exactly one rule comes back, and returns it with its
   * outputs.
   */
  public FirstHit firstHit(Map<String, Object> variables) {
    DmnDecisionTableResult result = evaluate(variables);
    List<String> matched = matchedRules();
    assertThat(matched).as("FIRST hands back exactly one rule").hasSize(1);
    assertThat(result).hasSize(1);
    return new FirstHit(matched.get(0), result.getSingleResult());
  }

  /**
   * The first matching rule and its outputs. An empty output cell is absent from the result (not
   * null), and {@code DmnDecisionRuleResult.getEntry} throws for an absent name, so read the map.
   */
  public record FirstHit(String rule, DmnDecisionRuleResult outputs) {}

  /** The table's DMN model, read as Camunda Modeler reads it. */
  public DmnModelInstance model() {
    try (InputStream table = open()) {
      return Dmn.readModelFromStream(table);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every rule has an entry (possibly empty, "-") for every input and every output. */
  public static void assertEveryRuleIsComplete(DecisionTable table) {
    assertThat(table.getRules()).allSatisfy(rule -> {
      assertThat(rule.getInputEntries()).as(rule.getId() + " input entries").hasSameSizeAs(table.getInputs());
      assertThat(rule.getOutputEntries()).as(rule.getId() + " output entries").hasSameSizeAs(table.getOutputs());
    });
  }

  /** The decisions drawn in the model's DMNDI (the model API has no types for DMNDI). */
  public static List<String> shapesInTheDiagram(DmnModelInstance model) {
    return model.getDocument().getRootElement().getChildElementsByNameNs(DMNDI, "DMNDI").stream()
        .flatMap(di -> di.getChildElementsByNameNs(DMNDI, "DMNDiagram").stream())
        .flatMap(diagram -> diagram.getChildElementsByNameNs(DMNDI, "DMNShape").stream())
        .map(shape -> shape.getAttribute("dmnElementRef"))
        .toList();
  }

  /** Chinese first, then " / " and the English: "中文 / English". */
  public static boolean bilingual(String text) {
    return text != null && text.matches(BILINGUAL);
  }

  private InputStream open() {
    InputStream table = DmnTable.class.getResourceAsStream(resource);
    assertThat(table).as(resource + " on the test classpath").isNotNull();
    return table;
  }
}
