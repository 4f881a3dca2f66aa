package io.leadflow.rules;

import io.leadflow.engine.DecisionReplay;
import io.leadflow.lead.LeadReplays;
import io.leadflow.lead.Leads;
import io.leadflow.system.Caller;
import io.leadflow.system.FieldProblem;
import io.leadflow.system.InvalidRequestException;
import io.leadflow.system.NotFoundException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The deployed versions of a table: when, by whom (Camunda's user operation log), from where
 * (Modeler, LeadFlow's start-up, the rules page, a restore), how many leads each last decided; a
 * diff of two; deploying a checked table, and restoring an earlier version as a new one.
 */
@Component
class RuleVersions {

  static final String RESTORE_SOURCE = "LeadFlow restore";
  static final String PAGE_SOURCE = "LeadFlow rules page";
  static final String START_UP_SOURCE = "LeadFlow";
  static final String MODELER_SOURCE = "Camunda Modeler";
  private static final Pattern RESTORED = Pattern.compile("restore of (\\w+) v(\\d+)");

  /**
   * A deployed version.
   *
   * @param source MODELER, START_UP, PAGE, RESTORE or OTHER
   * @param restoredFrom for a restore, the version it restored
   * @param leads how many leads it last routed (routing) or scored (scoring)
   */
  record VersionView(int version, String definitionId, String deploymentId, Instant deployedAt,
      String deployedBy, String source, String deploymentSource, String deploymentName,
      Integer restoredFrom, long leads, boolean latest) {}

  /** A deployment made here: the new version, and (restore) how many leads' history noted it. */
  record Deployed(String decisionKey, int version, String definitionId, String deploymentId,
      Integer restoredFrom, int leadsNoted) {}

  private final RepositoryService repository;
  private final HistoryService history;
  private final IdentityService identity;
  private final DecisionReplay replay;
  private final CandidateCheck check;
  private final LeadReplays leadReplays;
  private final Leads leads;
  private final TransactionTemplate tx;

  RuleVersions(RepositoryService repository, HistoryService history, IdentityService identity,
      DecisionReplay replay, CandidateCheck check, LeadReplays leadReplays, Leads leads,
      PlatformTransactionManager transactions) {
    this.repository = repository;
    this.history = history;
    this.identity = identity;
    this.replay = replay;
    this.check = check;
    this.leadReplays = leadReplays;
    this.leads = leads;
    this.tx = new TransactionTemplate(transactions);
  }

  List<VersionView> list(RuleTables kind) {
    List<DecisionDefinition> definitions = repository.createDecisionDefinitionQuery()
        .decisionDefinitionKey(kind.key).orderByDecisionDefinitionVersion().desc().list();
    List<String> ids = definitions.stream().map(DecisionDefinition::getId).toList();
    Map<String, Long> counts = kind == RuleTables.ROUTING ? leadReplays.routedBy(ids)
        : leadReplays.scoredBy(ids);
    List<VersionView> views = new ArrayList<>();
    for (DecisionDefinition definition : definitions) {
      Deployment deployment = repository.createDeploymentQuery()
          .deploymentId(definition.getDeploymentId()).singleResult();
      String name = deployment == null ? null : deployment.getName();
      String source = deployment == null ? null : deployment.getSource();
      Integer restoredFrom = null;
      if (name != null) {
        Matcher m = RESTORED.matcher(name);
        if (m.find()) {
          restoredFrom = Integer.valueOf(m.group(2));
        }
      }
      views.add(new VersionView(definition.getVersion(), definition.getId(),
          definition.getDeploymentId(),
          deployment == null || deployment.getDeploymentTime() == null ? null
              : deployment.getDeploymentTime().toInstant(),
          deployedBy(definition.getDeploymentId()), sourceOf(source, restoredFrom), source, name,
          restoredFrom, counts.getOrDefault(definition.getId(), 0L),
          definition == definitions.get(0)));
    }
    return views;
  }

  private String deployedBy(String deploymentId) {
    return history.createUserOperationLogQuery().deploymentId(deploymentId)
        .entityType(EntityTypes.DEPLOYMENT)
        .operationType(UserOperationLogEntry.OPERATION_TYPE_CREATE).list().stream()
        .map(UserOperationLogEntry::getUserId).filter(u -> u != null).findFirst().orElse(null);
  }

  static String sourceOf(String source, Integer restoredFrom) {
    if (restoredFrom != null || RESTORE_SOURCE.equals(source)) {
      return "RESTORE";
    }
    if (START_UP_SOURCE.equals(source)) {
      return "START_UP";
    }
    if (PAGE_SOURCE.equals(source)) {
      return "PAGE";
    }
    if (source != null && source.toLowerCase().contains("modeler")) {
      return "MODELER";
    }
    return "OTHER";
  }

  DecisionDefinition definition(RuleTables kind, int version) {
    DecisionDefinition definition = repository.createDecisionDefinitionQuery()
        .decisionDefinitionKey(kind.key).decisionDefinitionVersion(version).singleResult();
    if (definition == null) {
      throw new NotFoundException(kind.key + " has no version " + version);
    }
    return definition;
  }

  byte[] xml(DecisionDefinition definition) {
    try (InputStream in = repository.getDecisionModel(definition.getId())) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  TableDiff.Diff diff(RuleTables kind, int a, int b) {
    DecisionDefinition from = definition(kind, a);
    DecisionDefinition to = definition(kind, b);
    return TableDiff.of(kind.key, a, replay.deployed(from.getId()), b,
        replay.deployed(to.getId()));
  }

  /**
   * Deploys version {@code version}'s file as a new version (checked like any deployment), and
   * notes it in the history of every lead that version last decided: one statement, in the
   * deployment's transaction.
   */
  Deployed restore(RuleTables kind, int version, Caller caller) {
    DecisionDefinition old = definition(kind, version);
    byte[] xml = xml(old);
    check.require(xml, kind);
    return tx.execute(status -> {
      DecisionDefinition created = deploy(kind, old.getResourceName(), xml,
          "restore of " + kind.key + " v" + version, RESTORE_SOURCE, caller);
      int noted = leads.recordDecisionRestored(old.getId(),
          kind.key + " v" + version + " restored as v" + created.getVersion() + " by "
              + caller.id());
      return new Deployed(kind.key, created.getVersion(), created.getId(),
          created.getDeploymentId(), version, noted);
    });
  }

  /** Deploys a checked candidate (the rules page's "deploy"), as Modeler would. */
  Deployed deployCandidate(RuleTables kind, byte[] xml, Caller caller) {
    check.require(xml, kind);
    DecisionDefinition latest = repository.createDecisionDefinitionQuery()
        .decisionDefinitionKey(kind.key).latestVersion().singleResult();
    String resource = latest != null ? latest.getResourceName() : "decisions/" + kind.key + ".dmn";
    DecisionDefinition created = tx.execute(status -> deploy(kind, resource, xml,
        "rules page: " + kind.key, PAGE_SOURCE, caller));
    return new Deployed(kind.key, created.getVersion(), created.getId(), created.getDeploymentId(),
        null, 0);
  }

  private DecisionDefinition deploy(RuleTables kind, String resource, byte[] xml, String name,
      String source, Caller caller) {
    // As the caller, so that Camunda's authorization applies and its operation log says who.
    identity.setAuthentication(caller.id(), List.copyOf(caller.groups()));
    try {
      DeploymentWithDefinitions deployment = repository.createDeployment().name(name)
          .source(source).addInputStream(resource, new ByteArrayInputStream(xml))
          .deployWithResult();
      return deployment.getDeployedDecisionDefinitions().stream()
          .filter(d -> kind.key.equals(d.getKey())).findFirst()
          .orElseThrow(() -> new IllegalStateException("No " + kind.key + " deployed"));
    } catch (ParseException e) {
      throw new InvalidRequestException(List.of(new FieldProblem("file", e.getMessage())));
    } finally {
      identity.clearAuthentication();
    }
  }
}
