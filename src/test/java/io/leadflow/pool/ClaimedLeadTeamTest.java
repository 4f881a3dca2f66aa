package io.leadflow.pool;

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
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;

/**
 * A lead claimed from the general pool becomes a lead of the claimant's team: the lead row, its
 * history, who may see it through the API, the managers' grants of its follow-up (团队任务) and the
 * process variable team. A rep in several teams names the team, or gets the first by id.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ClaimedLeadTeamTest {

  static final String NORTH = "cl-north";
  static final String WEST = "cl-west";

  @Autowired TestRestTemplate rest;
  @Autowired TeamDirectory directory;
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired FilterService filters;

  @BeforeEach
  void teams() {
    Teams.exactly(directory, identity, NORTH, "cl.n1", "cl.both");
    Teams.exactly(directory, identity, WEST, "cl.w1", "cl.both");
    directory.ensureManager("cl.boss.north", "North", "Boss", null, Teams.PASSWORD, NORTH);
    directory.ensureManager("cl.boss.west", "West", "Boss", null, Teams.PASSWORD, WEST);
  }

  @AfterEach
  void nobody() {
    identity.clearAuthentication();
  }

  /** Sichuan matches no team's rule: the general pool. */
  JsonNode generalPoolLead() {
    Map<String, Object> body = SampleLeads.eastChina();
    body.put("region", "四川省成都市");
    JsonNode lead = ApiClient.admin(rest).createLead(body);
    assertThat(lead.get("team").asText()).isEqualTo("pool");
    assertThat(lead.get("pooled").asBoolean()).isTrue();
    return lead;
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

  Task openTask(JsonNode lead) {
    return tasks.createTaskQuery().processInstanceId(lead.get("processInstanceId").asText())
        .singleResult();
  }

  @Test
  void aLeadClaimedFromTheGeneralPoolThroughTheApiIsTheClaimantsTeamsFromThenOn() {
    JsonNode lead = generalPoolLead();
    String path = "/api/leads/" + lead.get("id");
    // Before the claim no team manager sees it.
    assertThat(ApiClient.as(rest, "cl.boss.north", Teams.PASSWORD).get(path).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);

    var claim = ApiClient.as(rest, "cl.n1", Teams.PASSWORD)
        .post("/api/pool/" + lead.get("id") + "/claim", null);
    assertThat(claim.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(claim.getBody().get("owner").asText()).isEqualTo("cl.n1");
    assertThat(claim.getBody().get("team").asText()).isEqualTo(NORTH);

    JsonNode details = ApiClient.as(rest, "cl.boss.north", Teams.PASSWORD).get(path).getBody();
    assertThat(details.get("team").asText()).isEqualTo(NORTH);
    assertThat(details.get("owner").asText()).isEqualTo("cl.n1");
    JsonNode last = details.get("history").get(details.get("history").size() - 1);
    assertThat(last.get("event").asText()).isEqualTo("CLAIMED");
    assertThat(last.get("reason").asText()).isEqualTo("CLAIMED_FROM_POOL: pool -> " + NORTH);
    assertThat(ApiClient.as(rest, "cl.boss.west", Teams.PASSWORD).get(path).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(runtime.getVariable(lead.get("processInstanceId").asText(), "team"))
        .isEqualTo(NORTH);

    // The follow-up is the north manager's to see (团队任务) and to give to another rep.
    Task followUp = openTask(lead);
    assertThat(followUp.getTaskDefinitionKey()).isEqualTo("Task_FollowUp");
    String teamTasks = filters.createFilterQuery().filterName("团队任务 / Team tasks")
        .singleResult().getId();
    assertThat(as("cl.boss.north", () -> filters.<Task>list(teamTasks)))
        .extracting(Task::getId).contains(followUp.getId());
    assertThat(as("cl.boss.west", () -> filters.<Task>list(teamTasks)))
        .extracting(Task::getId).doesNotContain(followUp.getId());
    as("cl.boss.north", () -> {
      tasks.setAssignee(followUp.getId(), "cl.both");
      return null;
    });
    assertThat(ApiClient.admin(rest).get(path).getBody().get("owner").asText())
        .isEqualTo("cl.both");
  }

  @Test
  void aRepInSeveralTeamsNamesTheTeamOrGetsTheFirstByIdAndOnlyOneOfTheirs() {
    JsonNode named = generalPoolLead();
    ApiClient both = ApiClient.as(rest, "cl.both", Teams.PASSWORD);
    var notTheirs = both.post("/api/pool/" + named.get("id") + "/claim",
        Map.of("team", "east-china"));
    assertThat(notTheirs.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(notTheirs.getBody().get("errors").get(0).get("field").asText()).isEqualTo("team");
    assertThat(ApiClient.admin(rest).get("/api/leads/" + named.get("id")).getBody()
        .get("pooled").asBoolean()).as("a refused claim changes nothing").isTrue();

    var claim = both.post("/api/pool/" + named.get("id") + "/claim", Map.of("team", WEST));
    assertThat(claim.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(claim.getBody().get("team").asText()).isEqualTo(WEST);

    JsonNode unnamed = generalPoolLead();
    var first = both.post("/api/pool/" + unnamed.get("id") + "/claim", null);
    assertThat(first.getBody().get("team").asText()).isEqualTo(NORTH); // cl-north < cl-west
  }

  @Test
  void claimingThePoolTaskInTasklistIsOneActionAndTheSecondRepIsToldWhy() {
    JsonNode lead = generalPoolLead();
    Task pool = openTask(lead);
    assertThat(as("cl.w1", () -> tasks.createTaskQuery().taskId(pool.getId())
        .taskCandidateUser("cl.w1").count())).isEqualTo(1);

    as("cl.w1", () -> {
      tasks.claim(pool.getId(), "cl.w1");
      return null;
    });

    // The claim completed the pool task: the claimant's follow-up is open, for their team.
    Task followUp = openTask(lead);
    assertThat(followUp.getTaskDefinitionKey()).isEqualTo("Task_FollowUp");
    assertThat(followUp.getAssignee()).isEqualTo("cl.w1");
    JsonNode details = ApiClient.admin(rest).get("/api/leads/" + lead.get("id")).getBody();
    assertThat(details.get("team").asText()).isEqualTo(WEST);
    assertThat(details.get("owner").asText()).isEqualTo("cl.w1");
    assertThat(as("cl.boss.west", () -> tasks.createTaskQuery().taskId(followUp.getId()).count()))
        .isEqualTo(1);

    // Someone else claiming the same lead afterwards: in Tasklist the pool task is gone, and the
    // API answers 409 saying who owns it.
    assertThatThrownBy(() -> as("cl.n1", () -> {
      tasks.claim(pool.getId(), "cl.n1");
      return null;
    })).hasMessageContaining(pool.getId());
    var late = ApiClient.as(rest, "cl.both", Teams.PASSWORD)
        .post("/api/pool/" + lead.get("id") + "/claim", null);
    assertThat(late.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(late.getBody().get("detail").asText()).contains("cl.w1 owns it");
  }
}
