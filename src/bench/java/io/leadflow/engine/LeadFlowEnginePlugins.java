package io.leadflow.engine;

import java.util.List;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;

/**
 * Benchmark code only: LeadFlow's own engine plugins (package-private in {@code system}), so that
 * the engine floor ({@code io.leadflow.bench.EngineFloor}) runs the engine as LeadFlow tunes it.
 */
public final class LeadFlowEnginePlugins {

  private LeadFlowEnginePlugins() {}

  public static List<ProcessEnginePlugin> all() {
    return List.of(new EngineTuning(), new DecisionAudit(), new EngineIndexes());
  }
}
