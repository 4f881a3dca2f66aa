package io.leadflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.support.ApiClient;
import io.leadflow.support.SampleLeads;
import io.leadflow.support.Teams;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.HistoryService;
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
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole journey on the real engine, models, decisions and API: MQL → SQL by behaviour, first
 * contact, qualification, opportunity, won or lost, escalation when a stage stands still, and
 * the cross-team tasks tags ask for. Timers are executed, never awaited. (The approval variants
 * are in OpportunityApprovalTest.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class LeadJourneyTest {

  static final String[] EAST = {"journey.a", "journey.b"};

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired IdentityService identity;
  @Autowired TeamDirectory directory;

  ApiClient admin;

  @BeforeEach
  void teams() {
    init(engine);
    Teams.exactly(directory, identity, "east-china", EAST);
    directory.ensureGroup("marketing-content", "市场内容组", "WORKFLOW");
    directory.ensureUser("content.a", "a", "Content", "content.a@test.example", Teams.PASSWORD);
    directory.ensureMember("content.a", "marketing-content");
    admin = ApiClient.admin(rest);
  }

  // --- helpers

  JsonNode create(Map<String, Object> body) {
    return admin.createLead(body);
  }

  /** 15 trial + 15 decision maker + 10 staff + 10 target industry = 50: an MQL in the pool. */
  static Map<String, Object> mql() {
    return ApiClient.lead("WEBSITE_TRIAL", "上海市浦东新区", "decisionMaker", true,
        "companySize", 800, "industry", "金融");
  }

  ProcessInstance instance(JsonNode lead) {
    return runtime.createProcessInstanceQuery()
        .processInstanceId(lead.get("processInstanceId").asText()).singleResult();
  }

  Task task(JsonNode lead, String key) {
    return tasks.createTaskQuery().processInstanceId(lead.get("processInstanceId").asText())
        .taskDefinitionKey(key).singleResult();
  }

  void complete(JsonNode lead, String key, Object... vars) {
    Task task = task(lead, key);
    assertThat(task).as(key).isNotNull();
    Map<String, Object> variables = new HashMap<>();
    for (int i = 0; i + 1 < vars.length; i += 2) {
      variables.put((String) vars[i], vars[i + 1]);
    }
    tasks.complete(task.getId(), variables);
  }

  Job job(JsonNode lead, String activityId) {
    return management.createJobQuery().processInstanceId(lead.get("processInstanceId").asText())
        .activityId(activityId).singleResult();
  }

  /** The lead's one waiting Task_Notify job of this event (SubProcess_Notifications), or null. */
  Job notifyJob(JsonNode lead, String event) {
    List<Job> jobs = management.createJobQuery()
        .processInstanceId(lead.get("processInstanceId").asText()).activityId("Task_Notify").list()
        .stream().filter(job -> event.equals(
            runtime.getVariableLocal(job.getExecutionId(), "notificationEvent")))
        .toList();
    assertThat(jobs).as(event + " jobs").hasSizeLessThanOrEqualTo(1);
    return jobs.isEmpty() ? null : jobs.get(0);
  }

  JsonNode details(JsonNode lead) {
    return admin.get("/api/leads/" + lead.get("id").asText()).getBody();
  }

  static List<String> events(JsonNode details) {
    return StreamSupport.stream(details.get("history").spliterator(), false)
        .map(h -> h.get("event").asText()).toList();
  }

  ResponseEntity<JsonNode> activity(JsonNode lead, String type) {
    return admin.post("/api/leads/" + lead.get("id").asText() + "/activities",
        Map.of("activities", List.of(Map.of("type", type))));
  }

  // --- behaviour re-scoring

  @Test
  void anMqlScoredUpByItsBehaviourIsRoutedAndAssignedAtThatMoment() {
    JsonNode lead = create(mql());
    assertThat(lead.get("stage").asText()).isEqualTo("MQL");
    assertThat(instance(lead)).isWaitingAt("Task_ClaimFromPool");

    // + 10 pricing page = 60: still nurtured in the pool.
    JsonNode first = activity(lead, "PRICING_PAGE_VIEW").getBody();
    assertThat(first.get("previousScore").asInt()).isEqualTo(50);
    assertThat(first.get("score").asInt()).isEqualTo(60);
    assertThat(first.get("stage").asText()).isEqualTo("MQL");
    assertThat(first.get("routedNow").asBoolean()).isFalse();
    assertThat(instance(lead)).isWaitingAt("Task_ClaimFromPool");

    // + 15 webinar = 75: an SQL of east-china now, assigned in the same request.
    JsonNode second = activity(lead, "WEBINAR_ATTENDED").getBody();
    assertThat(second.get("score").asInt()).isEqualTo(75);
    assertThat(second.get("stage").asText()).isEqualTo("SQL");
    assertThat(second.get("team").asText()).isEqualTo("east-china");
    assertThat(second.get("routedNow").asBoolean()).isTrue();
    assertThat(second.get("pooled").asBoolean()).isFalse();
    assertThat(second.get("owner").asText()).isIn((Object[]) EAST);
    assertThat(instance(lead)).isWaitingAt("Task_FollowUp");
    assertThat(task(lead, "Task_ClaimFromPool")).isNull();
    assertThat(task(lead, "Task_FollowUp").getAssignee()).isEqualTo(second.get("owner").asText());

    JsonNode details = details(lead);
    assertThat(StreamSupport.stream(details.get("scoreHistory").spliterator(), false)
        .map(c -> c.get("score").asInt() + " " + c.get("cause").asText()))
        .containsExactly("50 INTAKE", "60 ACTIVITY PRICING_PAGE_VIEW",
            "75 ACTIVITY WEBINAR_ATTENDED");
    assertThat(events(details)).containsExactly("ROUTED", "POOLED", "RESCORED", "RESCORED",
        "ROUTED", "ASSIGNED");
    assertThat(details.get("journey").get("mqlAt").isNull()).isFalse();
    assertThat(details.get("journey").get("sqlAt").isNull()).isFalse();

    // Behaviour after that still re-scores, but routes nothing again.
    JsonNode third = activity(lead, "CASE_STUDY_DOWNLOAD").getBody();
    assertThat(third.get("score").asInt()).isEqualTo(80);
    assertThat(third.get("routedNow").asBoolean()).isFalse();
    assertThat(third.get("owner").asText()).isEqualTo(second.get("owner").asText());
    assertThat(events(details(lead))).filteredOn("ASSIGNED"::equals).hasSize(1);
  }

  @Test
  void activitiesForAnUnknownLeadAre404ForAClosedLead409AndABadTypeIs400() {
    assertThat(admin.post("/api/leads/987654321/activities",
        Map.of("activities", List.of(Map.of("type", "WEBSITE_VISIT")))).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    JsonNode lead = create(mql());
    ResponseEntity<JsonNode> bad = admin.postRaw("/api/leads/" + lead.get("id").asText()
        + "/activities", "{\"activities\": [{\"type\": \"SHOUTED\"}]}");
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody().toString()).contains("activities[0].type");

    assertThat(admin.post("/api/leads/" + lead.get("id").asText() + "/close",
        Map.of("result", "LOST", "reason", "NO_BUDGET")).getStatusCode()).isEqualTo(HttpStatus.OK);
    ResponseEntity<JsonNode> closed = activity(lead, "WEBSITE_VISIT");
    assertThat(closed.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(closed.getBody().get("detail").asText()).contains("closed (LOST)");
  }

  // --- first contact

  @Test
  void theFirstContactRecordedThroughTheApiStopsTheSlaClock() {
    JsonNode lead = create(SampleLeads.eastChina());
    String owner = lead.get("owner").asText();
    assertThat(job(lead, "Timer_FollowUpSla")).isNotNull();
    String id = lead.get("id").asText();

    ApiClient other = ApiClient.as(rest, EAST[0].equals(owner) ? EAST[1] : EAST[0], Teams.PASSWORD);
    assertThat(other.post("/api/leads/" + id + "/contacts", Map.of("channel", "CALL"))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<JsonNode> missing = ApiClient.as(rest, owner, Teams.PASSWORD)
        .post("/api/leads/" + id + "/contacts", Map.of("notes", "?"));
    assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(missing.getBody().toString()).contains("channel");

    ResponseEntity<JsonNode> call = ApiClient.as(rest, owner, Teams.PASSWORD)
        .post("/api/leads/" + id + "/contacts", Map.of("channel", "CALL", "notes", "约了下周演示"));
    assertThat(call.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(call.getBody().get("firstContact").asBoolean()).isTrue();
    assertThat(call.getBody().get("rep").asText()).isEqualTo(owner);
    Instant firstAt = Instant.parse(call.getBody().get("firstContactAt").asText());

    // The follow-up under SLA is over: no SLA timer, no reminder; qualification is next.
    assertThat(instance(lead)).isWaitingAt("Task_Qualify");
    assertThat(job(lead, "Timer_FollowUpSla")).isNull();
    assertThat(job(lead, "Timer_SlaReminder")).isNull();
    assertThat(task(lead, "Task_Qualify").getAssignee()).isEqualTo(owner);

    // A later record of an earlier visit: kept with its own time, not the first response.
    Instant earlier = firstAt.minus(Duration.ofHours(1));
    ResponseEntity<JsonNode> visit = ApiClient.as(rest, owner, Teams.PASSWORD)
        .post("/api/leads/" + id + "/contacts", Map.of("channel", "VISIT", "at", earlier.toString()));
    assertThat(visit.getBody().get("firstContact").asBoolean()).isFalse();
    assertThat(visit.getBody().get("channel").asText()).isEqualTo("VISIT");
    assertThat(Instant.parse(visit.getBody().get("at").asText())).isEqualTo(earlier);
    assertThat(Instant.parse(visit.getBody().get("firstContactAt").asText())).isEqualTo(firstAt);

    JsonNode details = details(lead);
    assertThat(details.get("contacts")).hasSize(2);
    assertThat(details.get("contacts").get(0).get("channel").asText()).isEqualTo("VISIT");
    assertThat(details.get("contacts").get(1).get("channel").asText()).isEqualTo("CALL");
    assertThat(details.get("journey").get("firstResponseSeconds").asLong()).isBetween(0L, 60L);
  }

  @Test
  void theFollowUpFormIsTheFirstContactAndAPooledLeadCannotBeContacted() {
    JsonNode lead = create(SampleLeads.eastChina());
    complete(lead, "Task_FollowUp", "outcome", "contacted", "contactChannel", "WECHAT",
        "notes", "加了微信");
    assertThat(instance(lead)).isWaitingAt("Task_Qualify");
    JsonNode details = details(lead);
    assertThat(details.get("stage").asText()).isEqualTo("SQL");
    assertThat(details.get("journey").get("firstContactAt").isNull()).isFalse();
    assertThat(details.get("contacts").get(0).get("channel").asText()).isEqualTo("WECHAT");

    JsonNode pooled = create(mql());
    ResponseEntity<JsonNode> response = admin.post("/api/leads/" + pooled.get("id").asText()
        + "/contacts", Map.of("channel", "EMAIL"));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
  }

  @Test
  void aManagerMayGiveTheLeadToAnotherRepAtAnyStageAndItsOpenTaskMovesWithIt() {
    JsonNode lead = create(SampleLeads.eastChina());
    String owner = lead.get("owner").asText();
    String other = EAST[0].equals(owner) ? EAST[1] : EAST[0];
    complete(lead, "Task_FollowUp", "outcome", "qualified", "contactChannel", "CALL");

    ResponseEntity<JsonNode> moved = admin.post("/api/leads/" + lead.get("id").asText()
        + "/reassign", Map.of("to", other, "reason", "客户要求换人"));
    assertThat(moved.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(task(lead, "Task_DevelopOpportunity").getAssignee()).isEqualTo(other);
    assertThat(details(lead).get("owner").asText()).isEqualTo(other);
    complete(lead, "Task_DevelopOpportunity", "outcome", "propose", "estimatedAmount", 1000);
    assertThat(task(lead, "Task_Proposal").getAssignee()).isEqualTo(other);
  }

  // --- stages to customer or lost

  @Test
  void aQualifiedLeadBecomesAnOpportunityAndAWonOneACustomerWithEveryStageTimeStamped() {
    JsonNode lead = create(SampleLeads.eastChina());
    complete(lead, "Task_FollowUp", "outcome", "qualified", "contactChannel", "VISIT");
    assertThat(instance(lead)).isWaitingAt("Task_DevelopOpportunity");
    assertThat(details(lead).get("stage").asText()).isEqualTo("OPPORTUNITY");

    // Below the approval threshold: straight to the proposal.
    complete(lead, "Task_DevelopOpportunity", "outcome", "propose", "estimatedAmount", 300_000);
    assertThat(instance(lead)).isWaitingAt("Task_Proposal");
    complete(lead, "Task_Proposal", "outcome", "won", "wonAmount", 280_000.5);

    // Closed: nothing of the lead's process is left, not even the owner's pending notification.
    assertThat(instance(lead)).as("ended").isNull();
    assertThat(history.createHistoricActivityInstanceQuery()
        .processInstanceId(lead.get("processInstanceId").asText())
        .activityId("EndEvent_Customer").count()).isEqualTo(1);

    JsonNode details = details(lead);
    assertThat(details.get("stage").asText()).isEqualTo("CUSTOMER");
    JsonNode journey = details.get("journey");
    Instant sql = Instant.parse(journey.get("sqlAt").asText());
    Instant contact = Instant.parse(journey.get("firstContactAt").asText());
    Instant opportunity = Instant.parse(journey.get("opportunityAt").asText());
    Instant customer = Instant.parse(journey.get("customerAt").asText());
    assertThat(sql).isBeforeOrEqualTo(contact);
    assertThat(contact).isBeforeOrEqualTo(opportunity);
    assertThat(opportunity).isBeforeOrEqualTo(customer);
    assertThat(journey.get("estimatedAmount").decimalValue()).isEqualByComparingTo("300000");
    assertThat(journey.get("wonAmount").decimalValue()).isEqualByComparingTo("280000.5");
    assertThat(events(details)).contains("CONTACTED", "ESTIMATED", "STAGE_CHANGED");

    // A customer no longer absorbs the same person: a new enquiry is a new lead.
    Map<String, Object> again = SampleLeads.eastChina();
    again.put("email", details.get("email").asText());
    assertThat(admin.post("/api/leads", again).getStatusCode()).isEqualTo(HttpStatus.CREATED);
  }

  @Test
  void disqualifyingAfterFirstContactClosesTheLeadLostWithTheReason() {
    JsonNode lead = create(SampleLeads.eastChina());
    complete(lead, "Task_FollowUp", "outcome", "contacted", "contactChannel", "CALL");
    complete(lead, "Task_Qualify", "outcome", "disqualified", "lostReason", "COMPETITOR",
        "notes", "选了友商");
    JsonNode details = details(lead);
    assertThat(details.get("stage").asText()).isEqualTo("LOST");
    assertThat(details.get("journey").get("lostReason").asText()).isEqualTo("COMPETITOR");
    assertThat(details.get("journey").get("lostFromStage").asText()).isEqualTo("SQL");
    assertThat(history.createHistoricActivityInstanceQuery()
        .processInstanceId(lead.get("processInstanceId").asText())
        .activityId("EndEvent_Lost").count()).isEqualTo(1);
  }

  @Test
  void aLeadCanBeClosedLostFromAnyStageButWonOnlyAsAnOpportunity() {
    JsonNode mql = create(mql());
    String id = mql.get("id").asText();
    ResponseEntity<JsonNode> noReason = admin.post("/api/leads/" + id + "/close",
        Map.of("result", "LOST"));
    assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noReason.getBody().toString()).contains("reason");
    ResponseEntity<JsonNode> wonTooEarly = admin.post("/api/leads/" + id + "/close",
        Map.of("result", "WON", "amount", 1000));
    assertThat(wonTooEarly.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

    ResponseEntity<JsonNode> lost = admin.post("/api/leads/" + id + "/close",
        Map.of("result", "LOST", "reason", "NO_BUDGET", "notes", "明年再说"));
    assertThat(lost.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(lost.getBody().get("stage").asText()).isEqualTo("LOST");
    assertThat(lost.getBody().get("lostFromStage").asText()).isEqualTo("MQL");
    assertThat(instance(mql)).isNull(); // the pool task and its timer ended with it
    assertThat(admin.post("/api/leads/" + id + "/close", Map.of("result", "LOST", "reason",
        "OTHER")).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

    JsonNode opportunity = create(SampleLeads.eastChina());
    complete(opportunity, "Task_FollowUp", "outcome", "qualified", "contactChannel", "CALL");
    String owner = opportunity.get("owner").asText();
    ResponseEntity<JsonNode> won = ApiClient.as(rest, owner, Teams.PASSWORD).post(
        "/api/leads/" + opportunity.get("id").asText() + "/close",
        Map.of("result", "WON", "amount", 99_000));
    assertThat(won.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(won.getBody().get("stage").asText()).isEqualTo("CUSTOMER");
    assertThat(won.getBody().get("wonAmount").decimalValue()).isEqualByComparingTo("99000");
    assertThat(instance(opportunity)).isNull();
  }

  // --- escalation

  @Test
  void aStageStandingStillAfterFirstContactFlagsTheLeadAndAlertsTheManagersWithoutTakingIt() {
    JsonNode lead = create(SampleLeads.eastChina());
    String owner = lead.get("owner").asText();
    Instant before = Instant.now();
    complete(lead, "Task_FollowUp", "outcome", "contacted", "contactChannel", "CALL");

    // east-china's routing rule: 48 hours.
    Job stalled = job(lead, "Timer_QualifyStalled");
    assertThat(stalled.getDuedate().toInstant())
        .isBetween(before.plus(Duration.ofHours(48)).minusSeconds(1),
            Instant.now().plus(Duration.ofHours(48)).plusSeconds(1));
    management.executeJob(stalled.getId());

    JsonNode details = details(lead);
    assertThat(details.get("journey").get("needsAttention").asBoolean()).isTrue();
    assertThat(events(details)).contains("NEEDS_ATTENTION");
    assertThat(notifyJob(lead, "NEEDS_ATTENTION")).as("the managers' alert").isNotNull();
    assertThat(task(lead, "Task_Qualify").getAssignee()).isEqualTo(owner);
    assertThat(StreamSupport.stream(admin.get("/api/leads?needsAttention=true&size=200").getBody()
        .get("content").spliterator(), false).map(l -> l.get("id").asLong()))
        .contains(lead.get("id").asLong());

    // The stage moves: the flag clears; the opportunity has its own clock.
    complete(lead, "Task_Qualify", "outcome", "qualified");
    assertThat(details(lead).get("journey").get("needsAttention").asBoolean()).isFalse();
    assertThat(StreamSupport.stream(admin.get("/api/leads?needsAttention=true&size=200").getBody()
        .get("content").spliterator(), false).map(l -> l.get("id").asLong()))
        .doesNotContain(lead.get("id").asLong());
    management.executeJob(job(lead, "Timer_OpportunityStalled").getId());
    assertThat(details(lead).get("journey").get("needsAttention").asBoolean()).isTrue();
    assertThat(instance(lead)).isWaitingAt("Task_DevelopOpportunity");
  }

  // --- cross-team collaboration

  @Test
  void aTagAsksTheMarketingContentGroupForHelpAndTheOwnerHearsWhenItIsDone() {
    Map<String, Object> body = SampleLeads.eastChina();
    body.put("tags", List.of("需要竞品分析资料", "VIP"));
    Instant before = Instant.now();
    JsonNode lead = create(body);

    Task help = task(lead, "Task_Collaborate");
    assertThat(help.getName()).isEqualTo("准备竞品分析资料 / Prepare competitor analysis");
    assertThat(help.getDueDate().toInstant()).isBetween(before.plus(Duration.ofDays(2))
        .minusSeconds(1), Instant.now().plus(Duration.ofDays(2)).plusSeconds(1));
    assertThat(tasks.createTaskQuery().taskId(help.getId()).taskCandidateGroup("marketing-content")
        .count()).isEqualTo(1);
    assertThat(tasks.getVariable(help.getId(), "leadId")).isEqualTo(lead.get("id").asLong());
    // VIP asks nobody: it is not even handed to the process, whose decision history shows the
    // one tag that asked.
    String processInstanceId = lead.get("processInstanceId").asText();
    assertThat(tasks.createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKey("Task_Collaborate").count()).isEqualTo(1);
    assertThat(history.createHistoricDecisionInstanceQuery().processInstanceId(processInstanceId)
        .decisionDefinitionKey("LeadCollaboration").includeInputs().list())
        .singleElement().satisfies(decision -> assertThat(decision.getInputs())
            .singleElement().satisfies(input -> assertThat(input.getValue())
                .isEqualTo("需要竞品分析资料")));

    tasks.claim(help.getId(), "content.a");
    tasks.complete(help.getId(), Map.of("collaborationResult", "竞品对比表已上传",
        "collaborationLink", "https://wiki.example/cmp"));
    // An asynchronous step's job is due at once, with a date (ensureJobDueDateNotNull).
    assertThat(notifyJob(lead, "COLLABORATION_DONE").getDuedate()).isNotNull();
    JsonNode details = details(lead);
    assertThat(events(details)).contains("COLLABORATION_ASKED", "COLLABORATION_DONE");
    assertThat(StreamSupport.stream(details.get("history").spliterator(), false)
        .filter(h -> h.get("event").asText().equals("COLLABORATION_DONE")).findFirst().get()
        .get("reason").asText()).contains("content.a").contains("竞品对比表已上传");
    // The owner's follow-up was never held up.
    assertThat(task(lead, "Task_FollowUp")).isNotNull();

    // Tags added later ask too; a tag already on the lead does not ask twice.
    ResponseEntity<JsonNode> more = ApiClient.as(rest, lead.get("owner").asText(), Teams.PASSWORD)
        .post("/api/leads/" + lead.get("id").asText() + "/tags",
            Map.of("tags", List.of("需要竞品分析资料", "需要客户案例")));
    assertThat(more.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(more.getBody().get("added")).hasSize(1);
    Task cases = task(lead, "Task_Collaborate");
    assertThat(cases.getName()).isEqualTo("整理同行业客户案例 / Collect customer case studies");
  }

  @Test
  void aCollaborationTableThatReadsMoreThanTheTagSeesEveryTagInTheProcess() {
    // An analyst deploys a table that also reads the lead's region: the preview cannot answer for
    // it, so every tag goes to the process, where the table has all the lead's variables.
    String table = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
            xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="Definitions_Test"
            name="test" namespace="http://leadflow.io/dmn">
          <decision id="LeadCollaboration" name="test" camunda:historyTimeToLive="1">
            <decisionTable id="Table" hitPolicy="FIRST">
              <input id="In_tag"><inputExpression id="E_tag" typeRef="string"><text>tag</text></inputExpression></input>
              <input id="In_region"><inputExpression id="E_region" typeRef="string"><text>region</text></inputExpression></input>
              <output id="Out_team" name="collaborationTeam" typeRef="string" />
              <output id="Out_task" name="collaborationTask" typeRef="string" />
              <output id="Out_due" name="collaborationDue" typeRef="string" />
              <rule id="Rule_VipSuzhou">
                <inputEntry id="R_tag"><text>"VIP"</text></inputEntry>
                <inputEntry id="R_region"><text>"江苏省苏州市"</text></inputEntry>
                <outputEntry id="R_team"><text>"presales"</text></outputEntry>
                <outputEntry id="R_task"><text>"苏州 VIP 拜访准备"</text></outputEntry>
                <outputEntry id="R_due"><text>"P1D"</text></outputEntry>
              </rule>
            </decisionTable>
          </decision>
        </definitions>
        """;
    String deployment = engine.getRepositoryService().createDeployment().name("test-collaboration")
        .addString("LeadCollaboration.dmn", table).deploy().getId();
    try {
      Map<String, Object> body = SampleLeads.eastChina();
      body.put("tags", List.of("VIP"));
      JsonNode lead = create(body);
      assertThat(task(lead, "Task_Collaborate").getName()).isEqualTo("苏州 VIP 拜访准备");
    } finally {
      engine.getRepositoryService().deleteDeployment(deployment, true);
    }
  }

  @Test
  void tagsThatAskNobodyAreKeptOnTheLeadAndCostTheProcessNothing() {
    Map<String, Object> body = SampleLeads.eastChina();
    body.put("tags", List.of("VIP", "展会2026"));
    JsonNode lead = create(body);
    String processInstanceId = lead.get("processInstanceId").asText();

    assertThat(details(lead).get("tags")).extracting(JsonNode::asText)
        .containsExactly("VIP", "展会2026");
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
        .activityId("StartEvent_Tagged").count()).isZero();
    assertThat(history.createHistoricDecisionInstanceQuery().processInstanceId(processInstanceId)
        .decisionDefinitionKey("LeadCollaboration").count()).isZero();

    // The same for labels added later; one that asks is handed over.
    ApiClient owner = ApiClient.as(rest, lead.get("owner").asText(), Teams.PASSWORD);
    assertThat(owner.post("/api/leads/" + lead.get("id").asText() + "/tags",
        Map.of("tags", List.of("老客户转介绍"))).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
        .activityId("StartEvent_Tagged").count()).isZero();
    owner.post("/api/leads/" + lead.get("id").asText() + "/tags",
        Map.of("tags", List.of("需要技术方案")));
    assertThat(task(lead, "Task_Collaborate").getName())
        .isEqualTo("准备技术方案 / Prepare technical proposal");
    assertThat(details(lead).get("tags")).extracting(JsonNode::asText)
        .containsExactly("VIP", "展会2026", "老客户转介绍", "需要技术方案");
  }
}
