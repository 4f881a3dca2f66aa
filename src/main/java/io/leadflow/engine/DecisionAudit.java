package io.leadflow.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.stereotype.Component;

/**
 * Keeps, on the process instance, which rules of a decision table matched and what each gave.
 *
 * <p>A business rule task only hands back the table's result: for COLLECT + SUM that is the bare
 * sum, and for FIRST it does not say which row matched. The engine's decision history has the rules,
 * but only after the command commits. This listener sees each evaluation as it happens and writes a
 * transient variable {@code <decisionKey>MatchedRules} (JSON text: [{ruleId, outputs}] in table
 * order, plus the decision definition's id and version) on the executing process instance, for LeadFlow's
 * listeners to record on the lead in the same transaction; it is never persisted.
 */
@Component
public class DecisionAudit extends AbstractProcessEnginePlugin implements DmnDecisionTableEvaluationListener {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A deployed decision table: Camunda's decision definition id and its version number. */
  public record DecisionVersion(String definitionId, int version) {}

  /** One matched rule: its id, its label and description from the model, and its outputs. */
  public record MatchedRule(String ruleId, String description, Map<String, Object> outputs) {}

  /**
   * The deployed version of the decision with this key that was evaluated in this process
   * instance, if it was.
   */
  public static Optional<DecisionVersion> evaluatedVersion(DelegateExecution execution,
      String decisionKey) {
    return record(execution, decisionKey)
        .filter(record -> record.path("decisionDefinitionId").isTextual()
            && record.path("decisionVersion").isInt())
        .map(record -> new DecisionVersion(record.path("decisionDefinitionId").asText(),
            record.path("decisionVersion").asInt()));
  }

  /** The variable that holds the matched rules of the decision with this key. */
  static String variableFor(String decisionKey) {
    return Character.toLowerCase(decisionKey.charAt(0)) + decisionKey.substring(1) + "MatchedRules";
  }

  /**
   * The rules of the decision with this key that matched in this process instance, in table order,
   * each with the description (annotation) the analyst wrote for it in the model.
   */
  public static List<MatchedRule> matchedRules(DelegateExecution execution, String decisionKey) {
    Optional<JsonNode> evaluated = record(execution, decisionKey);
    if (evaluated.isEmpty()) {
      return List.of();
    }
    JsonNode record = evaluated.get();
    String definitionId = record.path("decisionDefinitionId").asText(null);
    Map<String, String> descriptions = definitionId == null ? Map.of()
        : descriptions(execution.getProcessEngineServices().getRepositoryService(), definitionId);
    List<MatchedRule> rules = new ArrayList<>();
    for (JsonNode rule : record.path("rules")) {
      String ruleId = rule.path("ruleId").asText();
      Map<String, Object> outputs = JSON.convertValue(rule.path("outputs"),
          new TypeReference<LinkedHashMap<String, Object>>() {});
      rules.add(new MatchedRule(ruleId, descriptions.get(ruleId), outputs));
    }
    return rules;
  }

  /** What this listener recorded of the evaluation of the decision with this key, if any. */
  private static Optional<JsonNode> record(DelegateExecution execution, String decisionKey) {
    Object json = execution.getVariable(variableFor(decisionKey));
    if (json == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(json.toString()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable matched rules of " + decisionKey, e);
    }
  }

  /**
   * Rule descriptions per deployed decision definition. A deployed definition never changes, so they
   * are read from its model once, not on every lead (the model's DOM walk cost more than the
   * decision itself). Each redeployment is a new definition id; the cache forgets everything when
   * it holds {@link #MAX_CACHED_DEFINITIONS} (BoundedCache).
   */
  static final int MAX_CACHED_DEFINITIONS = 500;
  private static final BoundedCache<String, Map<String, String>> DESCRIPTIONS =
      new BoundedCache<>(MAX_CACHED_DEFINITIONS);

  private static Map<String, String> descriptions(RepositoryService repository,
      String definitionId) {
    return DESCRIPTIONS.get(definitionId, id -> readDescriptions(repository, id), all -> true);
  }

  private static Map<String, String> readDescriptions(RepositoryService repository,
      String definitionId) {
    Map<String, String> descriptions = new HashMap<>();
    for (Rule rule : repository.getDmnModelInstance(definitionId)
        .getModelElementsByType(Rule.class)) {
      String description = rule.getDescription() != null
          && !rule.getDescription().getTextContent().isBlank()
          ? rule.getDescription().getTextContent().trim() : rule.getLabel();
      if (description != null) {
        descriptions.put(rule.getId(), description);
      }
    }
    return descriptions;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    DefaultDmnEngineConfiguration dmn = EngineTuning.dmnConfiguration(configuration);
    List<DmnDecisionTableEvaluationListener> listeners =
        new ArrayList<>(dmn.getCustomPostDecisionTableEvaluationListeners());
    listeners.add(this);
    dmn.setCustomPostDecisionTableEvaluationListeners(listeners);
  }

  @Override
  public void notify(DmnDecisionTableEvaluationEvent event) {
    BpmnExecutionContext context = Context.getBpmnExecutionContext();
    if (context == null || context.getExecution() == null) {
      return; // evaluated outside a process (decision service, REST): nothing to attach it to
    }
    List<Map<String, Object>> rules = new ArrayList<>();
    event.getMatchingRules().forEach(rule -> {
      Map<String, Object> outputs = new LinkedHashMap<>();
      rule.getOutputEntries().forEach((name, output) -> outputs.put(
          output.getOutputName() != null ? output.getOutputName() : name,
          output.getValue() == null ? null : output.getValue().getValue()));
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("ruleId", rule.getId());
      line.put("outputs", outputs);
      rules.add(line);
    });
    Map<String, Object> record = new LinkedHashMap<>();
    DecisionDefinition definition = event.getDecisionTable() instanceof DecisionDefinition d
        ? d : null;
    record.put("decisionDefinitionId", definition == null ? null : definition.getId());
    record.put("decisionVersion", definition == null ? null : definition.getVersion());
    record.put("rules", rules);
    try {
      // Transient: read by the listeners in this same transaction, never written to the database
      // (Cockpit's decision history keeps the matched rules for good).
      context.getExecution().setVariable(variableFor(event.getDecisionTable().getKey()),
          Variables.stringValue(JSON.writeValueAsString(record), true));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot record matched rules", e);
    }
  }
}
