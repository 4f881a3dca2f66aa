package io.leadflow.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.models.LeadRouting;
import io.leadflow.models.LeadScoring;
import io.leadflow.support.ApiClient;
import io.leadflow.support.SampleLeads;
import io.leadflow.support.Teams;
import io.leadflow.system.Caller;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;

/**
 * The lifecycle with the real engine, models and delegates: route → assign → SLA timer → pool →
 * claim → follow-up. Timers are executed, never awaited.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class LeadLifecycleTest {

  static final String[] EAST = {"east.a", "east.b", "east.c"};

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired TeamDirectory directory;

  ApiClient api;

  @BeforeEach
  void teams() {
    init(engine);
    Teams.exactly(directory, identity, "east-china", EAST);
    api = ApiClient.as(rest, "east.a", Teams.PASSWORD);
  }

  JsonNode create(Object body) {
    return api.createLead(body);
  }

  ProcessInstance instance(JsonNode lead) {
    return runtime.createProcessInstanceQuery()
        .processInstanceId(lead.get("processInstanceId").asText()).singleResult();
  }

  @Test
  void routesShanghaiLeadToEastChinaAndGivesTheOwnerAFollowUpTaskDueAtTheSla() {
    Instant before = Instant.now();
    JsonNode lead = create(ApiClient.lead("WEBSITE_TRIAL", "上海市浦东新区",
        "decisionMaker", true, "companySize", 800, "industry", "金融"));

    // 15 trial + 15 decision maker + 10 large company + 10 target industry = 50: nurture pool.
    assertThat(lead.get("score").asInt()).isEqualTo(50);
    assertThat(lead.get("team").asText()).isEqualTo("pool");
    assertThat(lead.get("stage").asText()).isEqualTo("MQL");

    JsonNode hot = create(ApiClient.lead("WEBSITE_TRIAL", "上海市浦东新区",
        "decisionMaker", true, "companySize", 800, "industry", "金融", "budget", 1_000_000,
        "activities", List.of(java.util.Map.of("type", "PRICING_PAGE_VIEW"))));
    assertThat(hot.get("score").asInt()).isEqualTo(70); // the same + 10 pricing + 10 budget
    assertThat(hot.get("team").asText()).isEqualTo("east-china");
    assertThat(hot.get("stage").asText()).isEqualTo("SQL");
    assertThat(hot.get("routing").get("rule").asText()).isEqualTo("Rule_EastChina");
    assertThat(hot.get("routing").get("strategy").asText()).isEqualTo("ROUND_ROBIN");
    // The versions that decided are the ones deployed now.
    assertThat(hot.get("routing").get("routingDecisionVersion").asInt()).isEqualTo(
        latestVersion(LeadRouting.DECISION_KEY));
    assertThat(hot.get("routing").get("scoringDecisionVersion").asInt()).isEqualTo(
        latestVersion(LeadScoring.DECISION_KEY));
    String owner = hot.get("owner").asText();
    assertThat(owner).isIn((Object[]) EAST);
    Instant due = Instant.parse(hot.get("slaDueAt").asText());
    assertThat(due).isBetween(before.plus(Duration.ofHours(24)),
        Instant.now().plus(Duration.ofHours(24)));

    ProcessInstance instance = instance(hot);
    assertThat(instance).isWaitingAt("Task_FollowUp");
    assertThat(instance.getBusinessKey()).isEqualTo(hot.get("id").asText());
    Task task = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(task.getAssignee()).isEqualTo(owner);
    assertThat(task.getDueDate().toInstant()).isEqualTo(due.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));

    JsonNode details = ApiClient.admin(rest).get("/api/leads/" + hot.get("id").asText()).getBody();
    assertThat(StreamSupport.stream(details.get("scoreBreakdown").spliterator(), false)
        .map(l -> l.get("ruleId").asText()))
        .containsExactly("Rule_WebsiteTrial", "Rule_PricingPageViewed", "Rule_DecisionMaker",
            "Rule_LargeCompany", "Rule_TargetIndustry", "Rule_LargeBudget");
    assertThat(StreamSupport.stream(details.get("history").spliterator(), false)
        .map(h -> h.get("event").asText())).containsExactly("ROUTED", "ASSIGNED");
    // Every channel is off in this context: nothing is recorded to send.
    assertThat(details.get("notifications")).isEmpty();
    assertThat(details.get("history").get(1).get("reason").asText()).startsWith("ROUND_ROBIN");
  }

  private int latestVersion(String decisionKey) {
    return engine.getRepositoryService().createDecisionDefinitionQuery()
        .decisionDefinitionKey(decisionKey).latestVersion().singleResult().getVersion();
  }

  @Test
  void roundRobinRotatesThroughTheTeamInUserIdOrder() {
    String first = create(eastLead()).get("owner").asText();
    int start = List.of(EAST).indexOf(first);
    for (int i = 1; i <= 6; i++) {
      assertThat(create(eastLead()).get("owner").asText()).isEqualTo(EAST[(start + i) % 3]);
    }
  }

  @Test
  void skipsUnavailableRepsAndRecordsWhy() {
    directory.save(directory.profile("east.b").setActive(false));
    directory.save(directory.profile("east.c").setOutOfOffice(Instant.now().minusSeconds(60),
        Instant.now().plus(Duration.ofDays(2))));
    for (int i = 0; i < 3; i++) {
      assertThat(create(eastLead()).get("owner").asText()).isEqualTo("east.a");
    }
    JsonNode lead = create(eastLead());
    String reason = lead.get("routing").get("assignment").asText();
    assertThat(reason).startsWith("ROUND_ROBIN")
        .contains("SKIPPED_UNAVAILABLE: east.b").contains("SKIPPED_OUT_OF_OFFICE: east.c");
  }

  @Test
  void withNobodyEligibleTheLeadGoesToThePoolWithTheReason() {
    for (String rep : EAST) {
      directory.save(directory.profile(rep).setMaxOpenLeads(0));
    }
    JsonNode lead = create(eastLead());
    assertThat(lead.get("owner").isNull()).isTrue();
    assertThat(lead.get("pooled").asBoolean()).isTrue();
    assertThat(lead.get("poolReason").asText()).isEqualTo("NO_ELIGIBLE_REP");
    assertThat(lead.get("routing").get("assignment").asText())
        .startsWith("NO_ELIGIBLE_REP").contains("SKIPPED_FULL: east.a");
    assertThat(instance(lead)).isWaitingAt("Task_ClaimFromPool");
  }

  @Test
  void missedSlaReclaimsToThePoolAndAClaimStartsAFreshSla() {
    JsonNode lead = create(eastLead());
    String id = lead.get("id").asText();
    String owner = lead.get("owner").asText();
    ProcessInstance instance = instance(lead);

    Job timer = management.createJobQuery().processInstanceId(instance.getId())
        .activityId("Timer_FollowUpSla").singleResult();
    assertThat(timer.getDuedate().toInstant())
        .isEqualTo(Instant.parse(lead.get("slaDueAt").asText()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    management.executeJob(timer.getId());

    assertThat(instance).isWaitingAt("Task_ClaimFromPool");
    Task poolTask = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    // The team's pool: its reps are the candidates.
    assertThat(tasks.getIdentityLinksForTask(poolTask.getId()))
        .anyMatch(link -> "east-china".equals(link.getGroupId()))
        .noneMatch(link -> Caller.REPS.equals(link.getGroupId()));
    JsonNode pooled = ApiClient.admin(rest).get("/api/leads/" + id).getBody();
    assertThat(pooled.get("owner").isNull()).isTrue();
    assertThat(pooled.get("poolReason").asText()).isEqualTo("SLA_MISSED");
    JsonNode reclaim = pooled.get("history").get(2);
    assertThat(reclaim.get("event").asText()).isEqualTo("RECLAIMED");
    assertThat(reclaim.get("rep").asText()).isEqualTo(owner);
    assertThat(reclaim.get("reason").asText()).isEqualTo("SLA_MISSED");
    assertThat(StreamSupport.stream(api.get("/api/pool?size=200").getBody().get("content")
        .spliterator(), false).map(l -> l.get("id").asText())).contains(id);

    String claimant = owner.equals("east.b") ? "east.c" : "east.b";
    Instant beforeClaim = Instant.now();
    var claim = ApiClient.as(rest, claimant, Teams.PASSWORD).post("/api/pool/" + id + "/claim", null);
    assertThat(claim.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(claim.getBody().get("owner").asText()).isEqualTo(claimant);
    assertThat(Instant.parse(claim.getBody().get("slaDueAt").asText()))
        .isAfterOrEqualTo(beforeClaim.plus(Duration.ofHours(24)).minusSeconds(1));

    assertThat(instance).isWaitingAt("Task_FollowUp");
    Task followUp = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(followUp.getAssignee()).isEqualTo(claimant);
    assertThat(management.createJobQuery().processInstanceId(instance.getId()).timers().list())
        .extracting(Job::getDuedate).extracting(java.util.Date::toInstant)
        .containsExactlyInAnyOrder(
            Instant.parse(claim.getBody().get("slaDueAt").asText()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
            Instant.parse(claim.getBody().get("slaDueAt").asText()).minus(Duration.ofHours(12)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    JsonNode claimed = ApiClient.admin(rest).get("/api/leads/" + id).getBody();
    assertThat(claimed.get("history").get(3).get("event").asText()).isEqualTo("CLAIMED");
    assertThat(claimed.get("pooled").asBoolean()).isFalse();

    var second = ApiClient.as(rest, owner, Teams.PASSWORD).post("/api/pool/" + id + "/claim", null);
    assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
  }

  @Test
  void halfWayThroughTheSlaTheOwnerIsRemindedAndKeepsTheLead() {
    JsonNode lead = create(eastLead());
    String owner = lead.get("owner").asText();
    Instant due = Instant.parse(lead.get("slaDueAt").asText());
    ProcessInstance instance = instance(lead);

    Job reminder = management.createJobQuery().processInstanceId(instance.getId())
        .activityId("Timer_SlaReminder").singleResult();
    assertThat(reminder.getDuedate().toInstant())
        .isEqualTo(due.minus(Duration.ofHours(12)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    management.executeJob(reminder.getId());

    // Non-interrupting: the follow-up task, its SLA timer and the owner stay.
    assertThat(instance).isWaitingAt("Task_FollowUp", "Task_Notify");
    assertThat(management.createJobQuery().processInstanceId(instance.getId())
        .activityId("Task_Notify").list()).extracting(job -> runtime.getVariableLocal(
            job.getExecutionId(), "notificationEvent"))
        .containsExactlyInAnyOrder("LEAD_ASSIGNED", "SLA_REMINDER");
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult()
        .getAssignee()).isEqualTo(owner);
    assertThat(management.createJobQuery().processInstanceId(instance.getId())
        .activityId("Timer_FollowUpSla").count()).isEqualTo(1);
    JsonNode details = ApiClient.admin(rest).get("/api/leads/" + lead.get("id").asText()).getBody();
    assertThat(details.get("owner").asText()).isEqualTo(owner);
    JsonNode reminded = details.get("history").get(2);
    assertThat(reminded.get("event").asText()).isEqualTo("REMINDED");
    assertThat(reminded.get("rep").asText()).isEqualTo(owner);
  }

  @Test
  void claimingInTasklistIsTheClaimAndOpensTheFollowUpAtOnce() {
    for (String rep : EAST) {
      directory.save(directory.profile(rep).setMaxOpenLeads(0));
    }
    JsonNode lead = create(eastLead());
    ProcessInstance instance = instance(lead);
    Task poolTask = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    tasks.claim(poolTask.getId(), "east.c");
    assertThat(instance).isWaitingAt("Task_FollowUp");
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult()
        .getAssignee()).isEqualTo("east.c");
    assertThat(ApiClient.admin(rest).get("/api/leads/" + lead.get("id").asText()).getBody().get("owner").asText())
        .isEqualTo("east.c");
  }

  @Test
  void completingTheFollowUpMovesTheStageAndDisqualifiedReleasesTheContact() {
    java.util.Map<String, Object> body = eastLead();
    JsonNode lead = create(body);
    ProcessInstance instance = instance(lead);
    Task task = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    tasks.complete(task.getId(), java.util.Map.of("outcome", "disqualified", "notes", "无预算"));
    // A closed lead ends everything: the owner's notification not yet sent is dropped.
    assertThat(instance).isEnded();
    assertThat(org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService()
        .createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
        .activityId("EndEvent_Lost").count()).isEqualTo(1);
    JsonNode lost = ApiClient.admin(rest).get("/api/leads/" + lead.get("id").asText()).getBody();
    assertThat(lost.get("stage").asText()).isEqualTo("LOST");

    // The same person may come back: a lost lead no longer absorbs duplicates.
    var again = api.post("/api/leads", body);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(again.getBody().get("id").asLong()).isNotEqualTo(lead.get("id").asLong());

    Task next = tasks.createTaskQuery()
        .processInstanceId(again.getBody().get("processInstanceId").asText()).singleResult();
    tasks.complete(next.getId(), java.util.Map.of("outcome", "qualified"));
    assertThat(ApiClient.admin(rest).get("/api/leads/" + again.getBody().get("id").asText()).getBody()
        .get("stage").asText()).isEqualTo("OPPORTUNITY");
  }

  static java.util.Map<String, Object> eastLead() {
    return SampleLeads.eastChina();
  }
}
