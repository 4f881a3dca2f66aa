package io.leadflow.engine;

import java.util.Map;
import java.util.Set;
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

  /** The latest deployed decision with this key, looked up once for any number of questions. */
  public Table latest(String decisionKey) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    return new Table(configuration.getCommandExecutorTxRequired()
        .execute(context -> (DmnDecision) context.getProcessEngineConfiguration().getDeploymentCache()
            .findDeployedLatestDecisionDefinitionByKey(decisionKey)));
  }

  /** A deployed decision, asked without recording anything. */
  public final class Table {
    private final DmnDecision decision;

    private Table(DmnDecision decision) {
      this.decision = decision;
    }

    /**
     * Whether it is a decision table whose every input expression is just one of these names. A
     * table that reads anything else (a column added later, an expression) cannot be previewed
     * with these variables alone: the caller must let the process decide.
     */
    public boolean readsOnly(Set<String> names) {
      return decision.getDecisionLogic() instanceof DmnDecisionTableImpl table
          && table.getInputs().stream().allMatch(input -> input.getExpression() != null
              && input.getExpression().getExpression() != null
              && names.contains(input.getExpression().getExpression().trim()));
    }

    /** What it decides for these variables. */
    public DmnDecisionResult evaluate(Map<String, Object> variables) {
      return quiet.evaluateDecision(decision, variables);
    }
  }
}
