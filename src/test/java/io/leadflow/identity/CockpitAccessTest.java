package io.leadflow.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.support.ApiClient;
import io.leadflow.support.SampleLeads;
import io.leadflow.support.Teams;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * What a manager may read in Cockpit, with Camunda's authorization: their team's instances, the
 * routing and scoring tables and the decisions that routed and scored a lead of their team, with
 * its inputs, outputs and matched rule. Reps and staff may not open Cockpit at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CockpitAccessTest {

  @Autowired TestRestTemplate rest;
  @Autowired TeamDirectory directory;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired TaskService taskService;

  @BeforeEach
  void people() {
    Teams.exactly(directory, identity, "east-china", "ca.e1");
    directory.ensureManager("ca.boss", "Cockpit", "Boss", null, Teams.PASSWORD, "east-china");
  }

  @AfterEach
  void nobody() {
    identity.clearAuthentication();
  }

  <T> T as(String user, Supplier<T> call) {
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).toList();
    identity.setAuthentication(user, groups);
    try {
      return call.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  boolean mayOpenCockpit(String user) {
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).toList();
    return authorizations.isUserAuthorized(user, groups, Permissions.ACCESS,
        Resources.APPLICATION, "cockpit");
  }

  @Test
  void aManagerReadsTheRoutingAndScoringTablesAndTheirTeamLeadsDecisions() {
    JsonNode lead = ApiClient.admin(rest).createLead(SampleLeads.eastChina());
    String instance = lead.get("processInstanceId").asText();
    assertThat(mayOpenCockpit("ca.boss")).isTrue();

    // The Decisions page: the two tables, their latest versions, and their XML (the table view).
    List<String> tables = as("ca.boss", () -> repository.createDecisionDefinitionQuery()
        .latestVersion().list().stream().map(d -> d.getKey()).sorted().toList());
    assertThat(tables).containsExactly("LeadRouting", "LeadScoring");
    String routingTable = repository.createDecisionDefinitionQuery()
        .decisionDefinitionKey("LeadRouting").latestVersion().singleResult().getId();
    assertThat(as("ca.boss", () -> repository.getDecisionModel(routingTable))).isNotNull();

    // The decision instance page: which rule routed the lead, on which inputs, to what.
    HistoricDecisionInstance routing = as("ca.boss", () -> history
        .createHistoricDecisionInstanceQuery().processInstanceId(instance)
        .decisionDefinitionKey("LeadRouting").includeInputs().includeOutputs().singleResult());
    assertThat(routing).isNotNull();
    assertThat(routing.getInputs()).extracting(i -> i.getValue()).contains("江苏省苏州市");
    assertThat(routing.getOutputs()).anySatisfy(output -> {
      assertThat(output.getRuleId()).isEqualTo("Rule_EastChina");
      assertThat(output.getVariableName()).isEqualTo("team");
      assertThat(output.getValue()).isEqualTo("east-china");
    });
    assertThat(as("ca.boss", () -> history.createHistoricDecisionInstanceQuery()
        .processInstanceId(instance).decisionDefinitionKey("LeadScoring").count()))
        .isEqualTo(1);
    // And the lead's instance itself, from which the decision was taken, and its history: its
    // follow-up task, as Cockpit's Human Tasks page counts it.
    assertThat(as("ca.boss", () -> runtime.createProcessInstanceQuery()
        .processInstanceId(instance).count())).isEqualTo(1);
    assertThat(as("ca.boss", () -> history.createHistoricProcessInstanceQuery()
        .processInstanceId(instance).count())).isEqualTo(1);
    assertThat(as("ca.boss", () -> history.createHistoricTaskInstanceQuery()
        .processInstanceId(instance).unfinished().taskAssigned().count())).isEqualTo(1);
    JsonNode other = ApiClient.admin(rest).createLead(SampleLeads.eastChina());
    assertThat(as("ca.e1", () -> history.createHistoricProcessInstanceQuery()
        .processInstanceId(other.get("processInstanceId").asText()).count()))
        .as("a rep reads no history").isZero();

    // The other tables (approval, collaboration) stay the analysts'.
    assertThat(as("ca.boss", () -> history.createHistoricDecisionInstanceQuery()
        .decisionDefinitionKey("LeadCollaboration").count())).isZero();
  }

  /**
   * Cockpit's dashboard, Processes page and diagram count a definition's instances with Camunda's
   * statistics, which check only READ on the definition; its Human Tasks page needs READ on every
   * task. A manager's counts are those of the instances they may read, and Human Tasks answers;
   * an admin's stay Camunda's own.
   */
  @Test
  void aManagersCockpitCountsOnlyTheInstancesAndTasksTheyMayRead() {
    Teams.exactly(directory, identity, "south-china", "ca.s1");
    JsonNode ours = ApiClient.admin(rest).createLead(SampleLeads.eastChina());
    JsonNode theirs = ApiClient.admin(rest).createLead(ApiClient.lead("WEBSITE_TRIAL",
        "广东省深圳市", "decisionMaker", true, "companySize", 800, "budget", 1_500_000,
        "activities", List.of(Map.of("type", "PRICING_PAGE_VIEW"),
            Map.of("type", "CASE_STUDY_DOWNLOAD"))));
    assertThat(theirs.get("team").asText()).isEqualTo("south-china");
    String definition = runtime.createProcessInstanceQuery()
        .processInstanceId(ours.get("processInstanceId").asText()).singleResult()
        .getProcessDefinitionId();
    ApiClient manager = ApiClient.as(rest, "ca.boss", Teams.PASSWORD);
    long readable = as("ca.boss", () -> runtime.createProcessInstanceQuery()
        .processDefinitionId(definition).count());
    long all = runtime.createProcessInstanceQuery().processDefinitionId(definition).count();
    assertThat(readable).isPositive().isLessThan(all);

    assertThat(instancesOf(definition, manager.get(
        "/engine-rest/process-definition/statistics?rootIncidents=true").getBody()))
        .isEqualTo(readable);
    assertThat(instancesOf(definition, ApiClient.admin(rest).get(
        "/engine-rest/process-definition/statistics?rootIncidents=true").getBody()))
        .isEqualTo(all);
    // The diagram's counts: the manager's team leads wait in their owners' follow-ups (and in
    // the scopes around it), nowhere else and no more of them than the manager may read.
    JsonNode activities = manager.get(
        "/engine-rest/process-definition/" + definition + "/statistics?incidents=true").getBody();
    assertThat(activities).allSatisfy(activity -> assertThat(activity.get("instances").asLong())
        .isBetween(1L, readable));
    assertThat(instancesOf("Task_FollowUp", activities)).isEqualTo(as("ca.boss",
        () -> runtime.createExecutionQuery().processDefinitionId(definition)
            .activityId("Task_FollowUp").count()));
    assertThat(instancesOf("Task_FollowUp", activities)).isLessThan(instancesOf("Task_FollowUp",
        ApiClient.admin(rest).get("/engine-rest/process-definition/" + definition
            + "/statistics").getBody()));

    // Human Tasks: Camunda would refuse the manager (no READ on every task); LeadFlow answers
    // with the unassigned tasks they may read, per group.
    var tasks = manager.get("/engine-rest/task/report/candidate-group-count");
    assertThat(tasks.getStatusCode().value()).isEqualTo(200);
    assertThat(tasks.getBody().findValues("taskCount").stream().mapToLong(JsonNode::asLong).sum())
        .isEqualTo(as("ca.boss", () -> taskService.createTaskQuery().taskUnassigned().count()));
    assertThat(ApiClient.admin(rest).get("/engine-rest/task/report/candidate-group-count")
        .getBody().findValues("taskCount").stream().mapToLong(JsonNode::asLong).sum())
        .isEqualTo(taskService.createTaskQuery().taskUnassigned().count());
  }

  /** The instances of the row with this id (a definition's or an activity's). */
  private static long instancesOf(String id, JsonNode statistics) {
    for (JsonNode row : statistics) {
      if (row.get("id").asText().equals(id)) {
        return row.get("instances").asLong();
      }
    }
    throw new AssertionError(id + " not in " + statistics);
  }

  @Test
  void repsAndStaffOpenNeitherCockpitNorTheDecisions() {
    JsonNode lead = ApiClient.admin(rest).createLead(SampleLeads.eastChina());
    directory.ensureGroup(io.leadflow.system.Caller.STAFF, "Staff", "WORKFLOW");
    directory.ensureUser("ca.staff", "Staff", "Member", null, Teams.PASSWORD);
    directory.ensureMember("ca.staff", io.leadflow.system.Caller.STAFF);
    for (String user : List.of("ca.e1", "ca.staff")) {
      assertThat(mayOpenCockpit(user)).as(user).isFalse();
      assertThat(as(user, () -> repository.createDecisionDefinitionQuery().count())).as(user)
          .isZero();
      assertThat(as(user, () -> history.createHistoricDecisionInstanceQuery()
          .processInstanceId(lead.get("processInstanceId").asText()).count())).as(user).isZero();
    }
    String routingTable = repository.createDecisionDefinitionQuery()
        .decisionDefinitionKey("LeadRouting").latestVersion().singleResult().getId();
    assertThatThrownBy(() -> as("ca.e1", () -> repository.getDecisionModel(routingTable)))
        .isInstanceOf(AuthorizationException.class);
  }
}
