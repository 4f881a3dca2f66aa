package io.leadflow.system;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Asks a deployed decision table what it would decide, without recording anything: the latest
 * deployed version (so a table deployed a moment ago counts at once, on every node), evaluated by
 * a DMN engine of its own that has no history and no listeners. For a question asked before the
 * process runs the decision for real, where the answer is usually "nothing to do" and recording
 * it would cost more than the rest (see {@code LeadWork.tagsAskingForHelp}).
 */
@Component
public class DecisionPreview {

  /** What the latest table is and what it would decide, if it only reads the given variables. */
  public record Preview(boolean readsOnlyGivenVariables, DmnDecisionResult result) {}

  private final ProcessEngine engine;
  private final DmnEngine quiet;

  DecisionPreview(ProcessEngine engine) {
    this.engine = engine;
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.setFeelEngineFactory(new EngineTuning.ParsedOnceFeelEngineFactory(
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
            .getDmnEngineConfiguration()));
    this.quiet = configuration.buildEngine();
  }

  /**
   * The latest deployed decision table with this key, evaluated with these variables, provided
   * each of its input expressions is just the name of one of them. A table whose inputs read
   * anything else (another column added later, an expression) is not evaluated:
   * {@code readsOnlyGivenVariables} is false and the caller must let the process decide.
   */
  public Preview evaluate(String decisionKey, Map<String, Object> variables) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    DmnDecision decision = configuration.getCommandExecutorTxRequired()
        .execute(context -> (DmnDecision) context.getProcessEngineConfiguration().getDeploymentCache()
            .findDeployedLatestDecisionDefinitionByKey(decisionKey));
    boolean readsOnlyGiven = decision.getDecisionLogic() instanceof DmnDecisionTableImpl table
        && table.getInputs().stream().allMatch(input -> input.getExpression() != null
            && input.getExpression().getExpression() != null
            && variables.containsKey(input.getExpression().getExpression().trim()));
    return new Preview(readsOnlyGiven,
        readsOnlyGiven ? quiet.evaluateDecision(decision, variables) : null);
  }
}
