package io.leadflow.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.support.ApiClient;
import io.leadflow.support.SampleLeads;
import io.leadflow.support.Teams;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
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
    // And the lead's instance itself, from which the decision was taken.
    assertThat(as("ca.boss", () -> runtime.createProcessInstanceQuery()
        .processInstanceId(instance).count())).isEqualTo(1);

    // The other tables (approval, collaboration) stay the analysts'.
    assertThat(as("ca.boss", () -> history.createHistoricDecisionInstanceQuery()
        .decisionDefinitionKey("LeadCollaboration").count())).isZero();
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
