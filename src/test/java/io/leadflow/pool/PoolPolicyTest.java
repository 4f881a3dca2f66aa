package io.leadflow.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.support.ApiClient;
import io.leadflow.support.SampleLeads;
import io.leadflow.support.Teams;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;

/** The pool's rules: cool-down after a reclaim, claims per day, and leaving the pool unclaimed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PoolPolicyTest {

  static final String[] EAST = {"pp.e1", "pp.e2"};

  @Autowired TestRestTemplate rest;
  @Autowired TeamDirectory directory;
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HistoryService history;

  @BeforeEach
  void team() {
    Teams.exactly(directory, identity, "east-china", EAST);
  }

  JsonNode create(Map<String, Object> body) {
    return ApiClient.admin(rest).createLead(body);
  }

  void runJob(JsonNode lead, String activityId) {
    management.executeJob(job(lead, activityId).getId());
  }

  Job job(JsonNode lead, String activityId) {
    return management.createJobQuery().processInstanceId(lead.get("processInstanceId").asText())
        .activityId(activityId).singleResult();
  }

  void fill(String... reps) {
    for (String rep : reps) {
      directory.save(directory.profile(rep).setMaxOpenLeads(0));
    }
  }

  @Test
  void aRepCannotClaimBackALeadReclaimedFromThemButAnotherRepCan() {
    JsonNode lead = create(SampleLeads.eastChina());
    String owner = lead.get("owner").asText();
    String other = owner.equals("pp.e1") ? "pp.e2" : "pp.e1";
    runJob(lead, "Timer_FollowUpSla");

    var refused = ApiClient.as(rest, owner, Teams.PASSWORD)
        .post("/api/pool/" + lead.get("id") + "/claim", null);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(refused.getBody().get("detail").asText())
        .contains("was reclaimed from " + owner).contains("may claim it again from");

    // Nor in Tasklist: claiming the pool task is refused, and it stays in the pool.
    Task pool = tasks.createTaskQuery().processInstanceId(lead.get("processInstanceId").asText())
        .singleResult();
    assertThatThrownBy(() -> tasks.claim(pool.getId(), owner))
        .hasMessageContaining("was reclaimed from " + owner);
    assertThat(tasks.createTaskQuery().taskId(pool.getId()).singleResult().getAssignee()).isNull();

    var claimed = ApiClient.as(rest, other, Teams.PASSWORD)
        .post("/api/pool/" + lead.get("id") + "/claim", null);
    assertThat(claimed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(claimed.getBody().get("owner").asText()).isEqualTo(other);
  }

  @Test
  void aRepClaimsAtMostTheDailyNumberOfLeadsFromThePool() {
    // A rep of their own, so that other tests' claims do not count.
    Teams.exactly(directory, identity, "east-china", "pp.e1", "pp.daily");
    fill("pp.e1", "pp.daily");
    ApiClient rep = ApiClient.as(rest, "pp.daily", Teams.PASSWORD);
    for (int i = 1; i <= 5; i++) {
      JsonNode lead = create(SampleLeads.eastChina());
      assertThat(rep.post("/api/pool/" + lead.get("id") + "/claim", null).getStatusCode())
          .as("claim " + i).isEqualTo(HttpStatus.OK);
    }
    JsonNode sixth = create(SampleLeads.eastChina());
    var refused = rep.post("/api/pool/" + sixth.get("id") + "/claim", null);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(refused.getBody().get("detail").asText())
        .isEqualTo("pp.daily has claimed 5 leads from the pool today, the most a rep may"
            + " (leadflow.pool.max-claims-per-day)");
    assertThat(ApiClient.as(rest, "pp.e1", Teams.PASSWORD)
        .post("/api/pool/" + sixth.get("id") + "/claim", null).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void aLeadNobodyClaimsWithinThirtyDaysGoesToNurtureAndItsContactIsFreeAgain() {
    fill(EAST);
    Map<String, Object> body = SampleLeads.eastChina();
    JsonNode lead = create(body);
    assertThat(lead.get("pooled").asBoolean()).isTrue();
    Job expiry = job(lead, "Timer_PoolExpired");
    assertThat(expiry.getDuedate().toInstant()).isCloseTo(Instant.now().plus(Duration.ofDays(30)),
        org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));

    management.executeJob(expiry.getId());

    JsonNode details = ApiClient.admin(rest).get("/api/leads/" + lead.get("id")).getBody();
    assertThat(details.get("stage").asText()).isEqualTo("NURTURE");
    assertThat(details.get("pooled").asBoolean()).isFalse();
    JsonNode last = details.get("history").get(details.get("history").size() - 1);
    assertThat(last.get("event").asText()).isEqualTo("POOL_EXPIRED");
    assertThat(last.get("reason").asText()).isEqualTo("NURTURE: unclaimed for PT720H");
    assertThat(tasks.createTaskQuery().processInstanceId(lead.get("processInstanceId").asText())
        .count()).isZero();
    assertThat(history.createHistoricActivityInstanceQuery()
        .processInstanceId(lead.get("processInstanceId").asText())
        .activityId("EndEvent_PoolExpired").count()).isEqualTo(1);
    // The same person enquiring again is a new lead, routed afresh.
    assertThat(ApiClient.admin(rest).post("/api/leads", body).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
  }
}
