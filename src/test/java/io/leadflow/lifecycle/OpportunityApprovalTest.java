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
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * High-value approval (decisions/LeadApproval.dmn, processes/OpportunityApproval.bpmn): 会签 all
 * directors must approve and one rejection sends the opportunity back; 或签 the first decision
 * counts; a time limit that runs out approves automatically or escalates to the sales VP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OpportunityApprovalTest {

  static final String[] DIRECTORS = {"director.a", "director.b"};
  static final String VP = "vp.a";
  /** Rule_Major: 5M or more, 会签, PT24H, escalate to sales-vp. */
  static final long MAJOR = 6_000_000;
  /** Rule_Large: 1M or more, 或签, PT48H, approve automatically. */
  static final long LARGE = 2_000_000;

  @Autowired TestRestTemplate rest;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired TeamDirectory directory;

  @BeforeEach
  void people() {
    init(engine);
    Teams.exactly(directory, identity, "east-china", "approval.rep");
    group("sales-directors", DIRECTORS);
    group("sales-vp", VP);
  }

  void group(String id, String... members) {
    directory.ensureGroup(id, id, "WORKFLOW");
    for (User user : identity.createUserQuery().memberOfGroup(id).list()) {
      identity.deleteMembership(user.getId(), id);
    }
    for (String member : members) {
      directory.ensureUser(member, member, "Test", member + "@test.example", Teams.PASSWORD);
      directory.ensureMember(member, id);
    }
  }

  /** An opportunity of east-china whose owner has just proposed at this amount. */
  JsonNode proposeAt(long amount) {
    JsonNode lead = ApiClient.admin(rest).post("/api/leads", SampleLeads.eastChina()).getBody();
    complete(lead, "Task_FollowUp", Map.of("outcome", "qualified", "contactChannel", "VISIT"));
    complete(lead, "Task_DevelopOpportunity", Map.of("outcome", "propose",
        "estimatedAmount", amount));
    ProcessInstance approval = approval(lead);
    assertThat(approval).as("the approval").isNotNull();
    assertThat(approval).isWaitingAt("Task_PrepareApproval"); // asynchronous: errors are incidents
    management.executeJob(management.createJobQuery().processInstanceId(approval.getId())
        .activityId("Task_PrepareApproval").singleResult().getId());
    return lead;
  }

  ProcessInstance approval(JsonNode lead) {
    return runtime.createProcessInstanceQuery()
        .superProcessInstanceId(lead.get("processInstanceId").asText()).singleResult();
  }

  void complete(JsonNode lead, String key, Map<String, Object> variables) {
    Task task = tasks.createTaskQuery().processInstanceId(lead.get("processInstanceId").asText())
        .taskDefinitionKey(key).singleResult();
    assertThat(task).as(key).isNotNull();
    tasks.complete(task.getId(), variables);
  }

  List<Task> approvals(JsonNode lead) {
    ProcessInstance approval = approval(lead);
    return approval == null ? List.of() : tasks.createTaskQuery()
        .processInstanceId(approval.getId()).orderByTaskAssignee().asc().list();
  }

  void decide(Task task, String decision, String comment) {
    tasks.complete(task.getId(), Map.of("approvalDecision", decision, "approvalComment", comment));
  }

  ProcessInstance lifecycle(JsonNode lead) {
    return runtime.createProcessInstanceQuery()
        .processInstanceId(lead.get("processInstanceId").asText()).singleResult();
  }

  List<String> approvalHistory(JsonNode lead) {
    JsonNode details = ApiClient.admin(rest).get("/api/leads/" + lead.get("id").asText())
        .getBody();
    return StreamSupport.stream(details.get("history").spliterator(), false)
        .filter(h -> h.get("event").asText().equals("APPROVAL"))
        .map(h -> h.get("rep").asText() + " " + h.get("reason").asText()).toList();
  }

  @Test
  void allDirectorsMustApproveAMajorOpportunityBeforeTheProposal() {
    JsonNode lead = proposeAt(MAJOR);
    List<Task> open = approvals(lead);
    assertThat(open).extracting(Task::getAssignee).containsExactly(DIRECTORS);
    assertThat(open).allSatisfy(t ->
        assertThat(t.getName()).isEqualTo("审批高额商机 / Approve high-value opportunity"));
    assertThat(tasks.getVariable(open.get(0).getId(), "approvalModeLabel").toString())
        .startsWith("会签");
    assertThat(tasks.getVariable(open.get(0).getId(), "estimatedAmount")).isEqualTo(6_000_000.0);

    decide(open.get(0), "approved", "同意");
    assertThat(approvals(lead)).extracting(Task::getAssignee).containsExactly(DIRECTORS[1]);
    assertThat(lifecycle(lead)).isWaitingAt("CallActivity_Approval");
    decide(approvals(lead).get(0), "approved", "");

    assertThat(lifecycle(lead)).isWaitingAt("Task_Proposal");
    assertThat(runtime.getVariable(lifecycle(lead).getId(), "approvalSummary").toString())
        .contains(DIRECTORS[0] + ": 同意 / approved — 同意").contains(DIRECTORS[1]);
    assertThat(approvalHistory(lead)).containsExactly(DIRECTORS[0] + " APPROVED: 同意",
        DIRECTORS[1] + " APPROVED");
  }

  @Test
  void oneRejectionEndsAnAllMustApproveRoundAndSendsTheOpportunityBackToTheOwner() {
    JsonNode lead = proposeAt(MAJOR);
    decide(approvals(lead).get(1), "rejected", "折扣太大");
    assertThat(approvals(lead)).isEmpty(); // the other director's task is withdrawn
    assertThat(lifecycle(lead)).isWaitingAt("Task_DevelopOpportunity");
    assertThat(runtime.getVariable(lifecycle(lead).getId(), "approvalSummary").toString())
        .contains("驳回 / rejected — 折扣太大");

    // The owner lowers the amount under every threshold: no approval the second time.
    complete(lead, "Task_DevelopOpportunity", Map.of("outcome", "propose",
        "estimatedAmount", 800_000));
    assertThat(lifecycle(lead)).isWaitingAt("Task_Proposal");
  }

  @Test
  void theFirstDirectorsDecisionCountsForALargeOpportunity() {
    JsonNode lead = proposeAt(LARGE);
    List<Task> open = approvals(lead);
    assertThat(open).hasSize(2);
    assertThat(tasks.getVariable(open.get(0).getId(), "approvalModeLabel").toString())
        .startsWith("或签");
    decide(open.get(1), "approved", "可以");
    assertThat(approvals(lead)).isEmpty();
    assertThat(lifecycle(lead)).isWaitingAt("Task_Proposal");
    assertThat(approvalHistory(lead)).containsExactly(DIRECTORS[1] + " APPROVED: 可以");
  }

  @Test
  void aLargeOpportunityNobodyDecidesInTimeIsApprovedAutomatically() {
    Instant before = Instant.now();
    JsonNode lead = proposeAt(LARGE);
    ProcessInstance approval = approval(lead);
    List<Job> timers = management.createJobQuery().processInstanceId(approval.getId())
        .activityId("Timer_ApprovalTimeout").list();
    assertThat(timers).hasSize(2).allSatisfy(t -> assertThat(t.getDuedate().toInstant())
        .isBetween(before.plus(Duration.ofHours(48)).minusSeconds(1),
            Instant.now().plus(Duration.ofHours(48)).plusSeconds(1)));

    management.executeJob(timers.get(0).getId());
    assertThat(lifecycle(lead)).isWaitingAt("Task_Proposal");
    assertThat(approvalHistory(lead)).singleElement().asString()
        .startsWith("timeout APPROVED: 超时自动同意");
  }

  @Test
  void aMajorOpportunityWhoseTimeRunsOutGoesUpToTheSalesVp() {
    JsonNode lead = proposeAt(MAJOR);
    ProcessInstance approval = approval(lead);
    Job first = management.createJobQuery().processInstanceId(approval.getId())
        .activityId("Timer_ApprovalTimeout").list().get(0);
    management.executeJob(first.getId());

    Task escalated = tasks.createTaskQuery().processInstanceId(approval.getId())
        .taskDefinitionKey("Task_EscalatedApproval").singleResult();
    assertThat(escalated).isNotNull();
    assertThat(tasks.createTaskQuery().taskId(escalated.getId()).taskCandidateGroup("sales-vp")
        .count()).isEqualTo(1);
    Task stillOpen = tasks.createTaskQuery().processInstanceId(approval.getId())
        .taskDefinitionKey("Task_Approve").singleResult();
    decide(stillOpen, "approved", "");
    assertThat(lifecycle(lead)).isWaitingAt("CallActivity_Approval");

    tasks.claim(escalated.getId(), VP);
    decide(escalated, "approved", "特批");
    assertThat(lifecycle(lead)).isWaitingAt("Task_Proposal");
    assertThat(approvalHistory(lead)).contains(VP + " APPROVED: 特批");
  }
}
