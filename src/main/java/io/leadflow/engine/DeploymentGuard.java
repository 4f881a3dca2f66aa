package io.leadflow.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.springframework.stereotype.Component;

/**
 * Checks every new deployment's DMN files before the engine deploys them, whoever deploys: Camunda
 * Modeler through {@code /engine-rest}, the Cockpit, LeadFlow's own rules API (a restore) or
 * code. A file a check refuses fails the whole deployment with a {@link ParseException} whose
 * problems name the rule (as the element id) and the cell, which {@code /engine-rest} answers 400
 * with those problems; nothing is deployed.
 *
 * <p>A custom pre-deployer of the engine ({@code customPreDeployers}, the engine's own extension
 * point for deployers): it runs inside the deployment's command, before the engine's deployers,
 * and only for deployments being made ({@code isNew}), never when a node reads an earlier
 * deployment into its cache, so a version once deployed always runs. The checks come from other
 * modules ({@link #register}); until one is registered (LeadFlow's own deployment at start-up,
 * before the directory the checks read is up) nothing is checked.
 */
@Component
public class DeploymentGuard extends AbstractProcessEnginePlugin {

  /** What a check finds wrong with a file: the rule (null: the whole table), cell and problem. */
  public record Refusal(String ruleId, String column, String message) {
    public String describe() {
      return (ruleId == null ? "" : "rule " + ruleId + ", ")
          + (column == null ? "" : "column " + column + ": ") + message;
    }
  }

  /** A check of a DMN file about to be deployed. */
  public interface Check {
    /** What is wrong with this file; empty when it may go live. */
    List<Refusal> check(String resourceName, byte[] dmn);
  }

  private final List<Check> checks = new CopyOnWriteArrayList<>();

  public void register(Check check) {
    checks.add(check);
  }

  /** The refusals of the registered checks for this file; empty when it may be deployed. */
  public List<Refusal> check(String resourceName, byte[] dmn) {
    List<Refusal> refusals = new ArrayList<>();
    for (Check check : checks) {
      refusals.addAll(check.check(resourceName, dmn));
    }
    return refusals;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<Deployer> deployers = configuration.getCustomPreDeployers() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomPreDeployers());
    deployers.add(this::checkNew);
    configuration.setCustomPreDeployers(deployers);
  }

  private void checkNew(DeploymentEntity deployment) {
    if (!deployment.isNew() || checks.isEmpty() || deployment.getResources() == null) {
      return;
    }
    for (ResourceEntity resource : deployment.getResources().values()) {
      String name = resource.getName();
      if (name == null || !name.endsWith(".dmn") || resource.getBytes() == null) {
        continue;
      }
      List<Refusal> refusals = check(name, resource.getBytes());
      if (!refusals.isEmpty()) {
        List<Problem> problems = refusals.stream().map(Refused::new)
            .collect(Collectors.toList());
        throw new ParseException("LeadFlow refuses " + name + ": " + refusals.stream()
            .map(Refusal::describe).collect(Collectors.joining("; ")), name, problems, List.of());
      }
    }
  }

  /** A refusal as a problem of Camunda's parse report: the rule is its element. */
  private record Refused(Refusal refusal) implements Problem {
    @Override
    public String getMessage() {
      return refusal.describe();
    }

    @Override
    public int getLine() {
      return 0;
    }

    @Override
    public int getColumn() {
      return 0;
    }

    @Override
    public String getMainElementId() {
      return refusal.ruleId();
    }

    @Override
    public List<String> getElementIds() {
      return refusal.ruleId() == null ? List.of() : List.of(refusal.ruleId());
    }
  }
}
