package io.leadflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.support.ApiClient;
import io.leadflow.support.SampleLeads;
import io.leadflow.support.Teams;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
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
 * Managers move their team's leads (API and Tasklist) and see their team's instances and tasks
 * in Camunda; reps see their own tasks and their teams' pool, and no more.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ReassignmentAndTeamAccessTest {

  static final String[] EAST = {"ra.e1", "ra.e2"};

  @Autowired TestRestTemplate rest;
  @Autowired TeamDirectory directory;
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired FilterService filters;
  @Autowired RepositoryService repository;
  @Autowired HistoryService history;

  @BeforeEach
  void people() {
    Teams.exactly(directory, identity, "east-china", EAST);
    Teams.exactly(directory, identity, "south-china", "ra.s1");
    directory.ensureManager("ra.boss.east", "East", "Boss", null, Teams.PASSWORD, "east-china");
    directory.ensureManager("ra.boss.south", "South", "Boss", null, Teams.PASSWORD,
        "south-china");
  }

  @AfterEach
  void nobody() {
    identity.clearAuthentication();
  }

  JsonNode eastLead() {
    return ApiClient.admin(rest).createLead(SampleLeads.eastChina());
  }

  /** The lead's waiting LEAD_ASSIGNED notifications: Task_Notify jobs of that event. */
  long leadAssignedJobs(JsonNode lead) {
    return management.createJobQuery().processInstanceId(lead.get("processInstanceId").asText())
        .activityId("Task_Notify").list().stream().filter(job -> "LEAD_ASSIGNED".equals(
            runtime.getVariableLocal(job.getExecutionId(), "notificationEvent")))
        .count();
  }

  Task followUp(JsonNode lead) {
    return tasks.createTaskQuery().processInstanceId(lead.get("processInstanceId").asText())
        .taskDefinitionKey("Task_FollowUp").singleResult();
  }

  /** Runs the query as this user, with Camunda authorization applied. */
  <T> T as(String user, Supplier<T> query) {
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).toList();
    identity.setAuthentication(user, groups);
    try {
      return query.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  @Test
  void aManagerWhoAlsoSellsIsAssignedTheTeamsLeadsAndClaimsFromItsPool() {
    // A manager with a rep profile in the team is picked like any rep; the engine grants them
    // their own task as its assignee and LeadFlow grants it to them as the team's manager.
    directory.ensureManager("ra.boss.sells", "Selling", "Boss", null, Teams.PASSWORD,
        "east-china");
    Teams.exactly(directory, identity, "east-china", "ra.boss.sells");
    try {
      JsonNode lead = eastLead();

      assertThat(lead.get("owner").asText()).isEqualTo("ra.boss.sells");
      Task task = followUp(lead);
      assertThat(task.getAssignee()).isEqualTo("ra.boss.sells");
      assertThat(as("ra.boss.sells", () -> tasks.createTaskQuery().taskId(task.getId()).count()))
          .isEqualTo(1);
      assertThat(as("ra.boss.sells", () -> runtime.createProcessInstanceQuery()
          .processInstanceId(lead.get("processInstanceId").asText()).count())).isEqualTo(1);

      // The same two grants meet when the manager claims a lead from the team's pool.
      directory.save(directory.profile("ra.boss.sells").setMaxOpenLeads(0));
      JsonNode pooled = eastLead();
      assertThat(pooled.get("pooled").asBoolean()).isTrue();
      var claim = ApiClient.as(rest, "ra.boss.sells", Teams.PASSWORD)
          .post("/api/pool/" + pooled.get("id") + "/claim", null);
      assertThat(claim.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(followUp(pooled).getAssignee()).isEqualTo("ra.boss.sells");
    } finally {
      people(); // east-china as the other tests expect it, without the selling manager
    }
  }

  @Test
  void theTeamsManagerReassignsALeadThroughTheApiAndTheNewOwnerIsNotified() {
    JsonNode lead = eastLead();
    String from = lead.get("owner").asText();
    String to = from.equals("ra.e1") ? "ra.e2" : "ra.e1";
    long assignedNotifications = leadAssignedJobs(lead);

    var response = ApiClient.as(rest, "ra.boss.east", Teams.PASSWORD).post(
        "/api/leads/" + lead.get("id") + "/reassign", Map.of("to", to, "reason", "休假"));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody().get("owner").asText()).isEqualTo(to);
    // The SLA keeps running.
    assertThat(Instant.parse(response.getBody().get("slaDueAt").asText()))
        .isCloseTo(Instant.parse(lead.get("slaDueAt").asText()),
            org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MILLIS));

    assertThat(followUp(lead).getAssignee()).isEqualTo(to);
    assertThat(runtime.getVariable(lead.get("processInstanceId").asText(), "owner"))
        .isEqualTo(to);
    JsonNode details = ApiClient.admin(rest).get("/api/leads/" + lead.get("id")).getBody();
    assertThat(details.get("owner").asText()).isEqualTo(to);
    JsonNode last = details.get("history").get(details.get("history").size() - 1);
    assertThat(last.get("event").asText()).isEqualTo("REASSIGNED");
    assertThat(last.get("rep").asText()).isEqualTo(to);
    assertThat(last.get("reason").asText())
        .isEqualTo("REASSIGNED by ra.boss.east from " + from + ": 休假");
    // The new owner's notification is on its way (SubProcess_Reassigned throws LEAD_ASSIGNED).
    assertThat(leadAssignedJobs(lead)).isEqualTo(assignedNotifications + 1);
    assertThat(history.createHistoricActivityInstanceQuery()
        .processInstanceId(lead.get("processInstanceId").asText())
        .activityId("EndEvent_NotifyReassigned").finished().count()).isEqualTo(1);
    // And the lead is the new owner's to read now, no longer the old one's.
    assertThat(ApiClient.as(rest, to, Teams.PASSWORD).get("/api/leads/" + lead.get("id"))
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(ApiClient.as(rest, from, Teams.PASSWORD).get("/api/leads/" + lead.get("id"))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void onlyTheTeamsManagerMayReassignAndOnlyToARepOfTheTeam() {
    JsonNode lead = eastLead();
    String path = "/api/leads/" + lead.get("id") + "/reassign";
    String other = lead.get("owner").asText().equals("ra.e1") ? "ra.e2" : "ra.e1";

    assertThat(ApiClient.as(rest, other, Teams.PASSWORD).post(path, Map.of("to", other))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(ApiClient.as(rest, "ra.boss.south", Teams.PASSWORD).post(path, Map.of("to", other))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    var notARep = ApiClient.as(rest, "ra.boss.east", Teams.PASSWORD)
        .post(path, Map.of("to", "ra.s1"));
    assertThat(notARep.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(notARep.getBody().get("errors").get(0).get("field").asText()).isEqualTo("to");
    assertThat(ApiClient.as(rest, "ra.boss.east", Teams.PASSWORD).post(path, Map.of())
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(followUp(lead).getAssignee()).isEqualTo(lead.get("owner").asText());
  }

  @Test
  void theManagerReassignsInTasklistWithCamundaAuthorizationAndTheLeadFollows() {
    JsonNode lead = eastLead();
    String from = lead.get("owner").asText();
    String to = from.equals("ra.e1") ? "ra.e2" : "ra.e1";
    String taskId = followUp(lead).getId();

    // Only the east manager may even see the task; neither the south manager nor the other rep.
    assertThat(as("ra.boss.south", () -> tasks.createTaskQuery().taskId(taskId).count())).isZero();
    assertThat(as(to, () -> tasks.createTaskQuery().taskId(taskId).count())).isZero();
    assertThatThrownBy(() -> as("ra.boss.south", () -> {
      tasks.setAssignee(taskId, to);
      return null;
    })).hasMessageContaining("ra.boss.south");

    as("ra.boss.east", () -> {
      tasks.setAssignee(taskId, to);
      return null;
    });
    assertThat(tasks.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isEqualTo(to);
    JsonNode details = ApiClient.admin(rest).get("/api/leads/" + lead.get("id")).getBody();
    assertThat(details.get("owner").asText()).isEqualTo(to);
    assertThat(details.get("history").get(details.get("history").size() - 1).get("reason")
        .asText()).isEqualTo("REASSIGNED by ra.boss.east from " + from);

    // Giving it to someone outside the team is refused and changes nothing.
    assertThatThrownBy(() -> as("ra.boss.east", () -> {
      tasks.setAssignee(taskId, "ra.s1");
      return null;
    })).hasMessageContaining("ra.s1 is not a rep of team east-china");
    assertThat(tasks.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isEqualTo(to);
  }

  @Test
  void managersSeeTheirTeamsInstancesInCockpitAndRepsTheirOwnTasksAndTheirTeamsPool() {
    JsonNode lead = eastLead();
    String pid = lead.get("processInstanceId").asText();
    String owner = lead.get("owner").asText();
    assertThat(as("ra.boss.east",
        () -> runtime.createProcessInstanceQuery().processInstanceId(pid).count())).isEqualTo(1);
    assertThat(as("ra.boss.south",
        () -> runtime.createProcessInstanceQuery().processInstanceId(pid).count())).isZero();
    assertThat(as(owner, () -> tasks.createTaskQuery().processInstanceId(pid).count()))
        .isEqualTo(1);

    for (String rep : EAST) {
      directory.save(directory.profile(rep).setMaxOpenLeads(0));
    }
    JsonNode pooled = eastLead();
    String pooledPid = pooled.get("processInstanceId").asText();
    assertThat(as("ra.e1", () -> tasks.createTaskQuery().processInstanceId(pooledPid)
        .taskCandidateUser("ra.e1").count())).isEqualTo(1);
    assertThat(as("ra.s1", () -> tasks.createTaskQuery().processInstanceId(pooledPid).count()))
        .isZero();
    // A rep of another team cannot claim it through the API either.
    assertThat(ApiClient.as(rest, "ra.s1", Teams.PASSWORD)
        .post("/api/pool/" + pooled.get("id") + "/claim", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(StreamSupport.stream(ApiClient.as(rest, "ra.s1", Teams.PASSWORD)
        .get("/api/pool?size=200").getBody().get("content").spliterator(), false)
        .map(l -> l.get("id").asLong())).doesNotContain(pooled.get("id").asLong());
  }

  @Test
  void neitherManagersNorRepsDeployOrSeeDeployments() {
    for (String user : List.of("ra.boss.east", "ra.e1")) {
      assertThatThrownBy(() -> as(user, () -> repository.createDeployment()
          .addString("x.dmn", "<definitions/>").deploy()))
          .as(user).isInstanceOf(AuthorizationException.class);
    }
    assertThat(repository.createDeploymentQuery().count()).isPositive();
    assertThat(as("ra.e1", () -> repository.createDeploymentQuery().count())).isZero();
  }

  @Test
  void everyRepHasTheDueSoonFilterShowingTheirFollowUpsDueWithinFourHours() {
    JsonNode lead = eastLead();
    String owner = lead.get("owner").asText();
    Task task = followUp(lead);
    Filter dueSoon = filters.createFilterQuery().filterName("即将超时 / Due soon").singleResult();
    assertThat(as(owner, () -> filters.<Task>list(dueSoon.getId()))).extracting(Task::getId)
        .doesNotContain(task.getId()); // due in 24 hours

    task.setDueDate(Date.from(Instant.now().plusSeconds(3600)));
    tasks.saveTask(task);
    assertThat(as(owner, () -> filters.<Task>list(dueSoon.getId()))).extracting(Task::getId)
        .contains(task.getId());
    for (String name : List.of("我的线索 / My leads", "公海 / Pool", "即将超时 / Due soon")) {
      assertThat(as(owner, () -> filters.createFilterQuery().filterName(name).count()))
          .as(name).isEqualTo(1);
    }
    assertThat(as("ra.boss.east",
        () -> filters.createFilterQuery().filterName("团队任务 / Team tasks").count())).isEqualTo(1);
  }
}
