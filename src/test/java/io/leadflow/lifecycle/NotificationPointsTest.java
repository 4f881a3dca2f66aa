package io.leadflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.support.ApiClient;
import io.leadflow.support.SampleLeads;
import io.leadflow.support.Teams;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The eight places in LeadLifecycle that notify someone (docs/modeling.md): each throws one
 * escalation, caught by SubProcess_Notifications, which leaves exactly one Task_Notify job that
 * knows its own event, even while others wait beside it. Mail is switched on and points at a port
 * nobody listens on, so every notification fails: retried (R5/PT1M) and then an incident on
 * Task_Notify naming the event and the channel. Jobs are executed, never awaited.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    // A context of its own: its own in-memory database and engine name.
    "spring.datasource.url=jdbc:h2:mem:leadflow-notification-points;DB_CLOSE_DELAY=-1;MODE=LEGACY",
    "camunda.bpm.process-engine-name=notification-points",
    "leadflow.notifications.public-url=https://leads.example.com",
    "leadflow.notifications.email.enabled=true",
    "leadflow.notifications.email.from=LeadFlow <leadflow@leads.example.com>",
    "spring.mail.host=127.0.0.1",
})
@ActiveProfiles("test")
class NotificationPointsTest {

  static final String TEAM = "east-china";
  static final String[] REPS = {"np.a", "np.b"};
  static final String MANAGER = "np.boss";
  static final String NOTIFY = "Task_Notify";

  static final int CLOSED_PORT = closedPort();

  @DynamicPropertySource
  static void mail(DynamicPropertyRegistry registry) {
    // Nothing listens there: each mail fails at once with "Connection refused".
    registry.add("spring.mail.port", () -> CLOSED_PORT);
  }

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired RepositoryService repository;
  @Autowired IdentityService identity;
  @Autowired TeamDirectory directory;

  @BeforeEach
  void team() {
    Teams.exactly(directory, identity, TEAM, REPS);
    directory.ensureManager(MANAGER, "Boss", "Test", MANAGER + "@test.example", Teams.PASSWORD,
        TEAM);
  }

  /** The instance's Task_Notify jobs: job id → the job's notificationEvent. */
  Map<String, String> notifyJobs(String processInstanceId) {
    Map<String, String> jobs = new LinkedHashMap<>();
    for (Job job : management.createJobQuery().processInstanceId(processInstanceId)
        .activityId(NOTIFY).orderByJobId().asc().list()) {
      jobs.put(job.getId(), (String) runtime.getVariableLocal(job.getExecutionId(),
          "notificationEvent"));
    }
    return jobs;
  }

  /**
   * Runs the step and asserts it added exactly one Task_Notify job, of this event, thrown by this
   * element; the jobs already waiting keep their own events.
   */
  void notifiesOnce(String processInstanceId, String event, String thrownBy, Runnable step) {
    Map<String, String> before = notifyJobs(processInstanceId);
    step.run();
    Map<String, String> after = notifyJobs(processInstanceId);
    assertThat(after).as("waiting notifications keep their events").containsAllEntriesOf(before);
    Map<String, String> added = new LinkedHashMap<>(after);
    before.keySet().forEach(added::remove);
    assertThat(added.values()).as("new notify jobs after " + thrownBy).containsExactly(event);
    assertThat(history.createHistoricActivityInstanceQuery()
        .processInstanceId(processInstanceId).activityId(thrownBy).finished().count())
        .as(thrownBy).isEqualTo(1);
    // The code is the event subprocess instance's own: no process variable is left to overwrite.
    assertThat(runtime.getVariablesLocal(processInstanceId)).doesNotContainKey("notificationEvent");
  }

  Task task(String processInstanceId, String key) {
    return tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(key)
        .singleResult();
  }

  void runJob(String processInstanceId, String activityId) {
    management.executeJob(management.createJobQuery().processInstanceId(processInstanceId)
        .activityId(activityId).singleResult().getId());
  }

  @Test
  void eachOfTheEightNotificationPointsLeavesOneJobOfItsEventAndEachFailingOneEndsInAnIncident() {
    // 1. Assigned at intake; the tag asks marketing for help (SubProcess_Tagged).
    Map<String, Object> body = SampleLeads.eastChina();
    body.put("tags", List.of("需要竞品分析资料"));
    JsonNode lead = ApiClient.admin(rest).createLead(body);
    String instance = lead.get("processInstanceId").asText();
    assertThat(notifyJobs(instance).values()).containsExactly("LEAD_ASSIGNED");
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance)
        .activityId("ThrowEvent_NotifyOwner").finished().count()).isEqualTo(1);
    assertThat(runtime.getVariablesLocal(instance)).doesNotContainKey("notificationEvent");
    String owner = lead.get("owner").asText();
    String other = owner.equals(REPS[0]) ? REPS[1] : REPS[0];
    String leadId = lead.get("id").asText();

    // 2. The collaboration is done: thrown inside the multi-instance SubProcess_Collaboration of
    // the event subprocess SubProcess_Tagged.
    notifiesOnce(instance, "COLLABORATION_DONE", "EndEvent_NotifyCollaborationDone", () -> {
      Task help = task(instance, "Task_Collaborate");
      tasks.claim(help.getId(), "content.a");
      tasks.complete(help.getId(), Map.of("collaborationResult", "竞品对比表已上传",
          "collaborationLink", "https://wiki.example/cmp"));
    });

    // 3. The manager gives the lead to the other rep: thrown inside SubProcess_Reassigned.
    notifiesOnce(instance, "LEAD_ASSIGNED", "EndEvent_NotifyReassigned", () ->
        assertThat(ApiClient.as(rest, MANAGER, Teams.PASSWORD).post(
            "/api/leads/" + leadId + "/reassign", Map.of("to", other, "reason", "休假"))
            .getStatusCode()).isEqualTo(HttpStatus.OK));

    // 4. Half of the SLA has passed.
    notifiesOnce(instance, "SLA_REMINDER", "EndEvent_NotifySlaReminder",
        () -> runJob(instance, "Timer_SlaReminder"));

    // 5. The SLA ran out: back to the pool.
    notifiesOnce(instance, "LEAD_RECLAIMED", "ThrowEvent_NotifyReclaimed",
        () -> runJob(instance, "Timer_FollowUpSla"));
    assertThat(task(instance, "Task_ClaimFromPool")).isNotNull();

    // 6. Claimed from the pool by the first owner.
    notifiesOnce(instance, "LEAD_CLAIMED", "ThrowEvent_NotifyClaimed", () ->
        assertThat(ApiClient.as(rest, owner, Teams.PASSWORD)
            .post("/api/pool/" + leadId + "/claim", null).getStatusCode())
            .isEqualTo(HttpStatus.OK));

    // 7. Contacted, then the SQL stage stands still.
    tasks.complete(task(instance, "Task_FollowUp").getId(),
        Map.of("outcome", "contacted", "contactChannel", "CALL"));
    notifiesOnce(instance, "NEEDS_ATTENTION", "EndEvent_NotifyAttention",
        () -> runJob(instance, "Timer_QualifyStalled"));

    // 8. A team with nobody eligible.
    for (String rep : REPS) {
      directory.save(directory.profile(rep).setActive(false));
    }
    JsonNode pooled;
    try {
      pooled = ApiClient.admin(rest).createLead(SampleLeads.eastChina());
    } finally {
      team();
    }
    assertThat(pooled.get("poolReason").asText()).isEqualTo("NO_ELIGIBLE_REP");
    String pooledInstance = pooled.get("processInstanceId").asText();
    assertThat(notifyJobs(pooledInstance).values()).containsExactly("NO_ELIGIBLE_REP");
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(pooledInstance)
        .activityId("ThrowEvent_NotifyNoEligibleRep").finished().count()).isEqualTo(1);

    // All of it waits at once, each job with its own event.
    assertThat(notifyJobs(instance).values()).containsExactlyInAnyOrder("LEAD_ASSIGNED",
        "COLLABORATION_DONE", "LEAD_ASSIGNED", "SLA_REMINDER", "LEAD_RECLAIMED", "LEAD_CLAIMED",
        "NEEDS_ATTENTION");

    // The mail server is unreachable: every notification is tried five times (R5/PT1M), then it
    // is an incident on Task_Notify that names its event and the channel. The lead goes on.
    List<String> incidents = new ArrayList<>();
    for (String processInstanceId : List.of(instance, pooledInstance)) {
      notifyJobs(processInstanceId).forEach((jobId, event) -> {
        int attempts = 0;
        Job job = management.createJobQuery().jobId(jobId).singleResult();
        while (job.getRetries() > 0) {
          assertThatThrownBy(() -> management.executeJob(jobId))
              .hasMessageContaining(event + " deliveries failed").hasMessageContaining("EMAIL to ");
          attempts++;
          job = management.createJobQuery().jobId(jobId).singleResult();
        }
        assertThat(attempts).as(event).isEqualTo(5);
        Incident incident = runtime.createIncidentQuery().configuration(jobId).singleResult();
        assertThat(incident.getActivityId()).isEqualTo(NOTIFY);
        assertThat(incident.getIncidentMessage()).contains(event + " deliveries failed")
            .contains("EMAIL to ").contains("Connection refused");
        incidents.add(event);
      });
    }
    assertThat(incidents).containsExactlyInAnyOrder("LEAD_ASSIGNED", "COLLABORATION_DONE",
        "LEAD_ASSIGNED", "SLA_REMINDER", "LEAD_RECLAIMED", "LEAD_CLAIMED", "NEEDS_ATTENTION",
        "NO_ELIGIBLE_REP");
    assertThat(task(instance, "Task_Qualify").getAssignee()).isEqualTo(owner);
  }

  /**
   * Leads started before this model keep their own version (src/test/resources/legacy/
   * LeadLifecycle-notify-tasks.bpmn: one notify task per notification, its event an input
   * parameter); their notify jobs still send their event and still end in an incident there.
   */
  @Test
  void aLeadOnTheModelWithOneNotifyTaskPerNotificationStillSendsItsEvent() {
    Deployment earlier = repository.createDeployment().name("LeadLifecycle with notify tasks")
        .addClasspathResource("legacy/LeadLifecycle-notify-tasks.bpmn").deploy();
    try {
      JsonNode lead = ApiClient.admin(rest).createLead(SampleLeads.eastChina());
      String pid = lead.get("processInstanceId").asText();
      assertThat(runtime.createProcessInstanceQuery().processInstanceId(pid).singleResult()
          .getProcessDefinitionId()).isEqualTo(repository.createProcessDefinitionQuery()
          .deploymentId(earlier.getId()).singleResult().getId());
      Job job = management.createJobQuery().processInstanceId(pid).activityId("Task_NotifyOwner")
          .singleResult();
      for (int attempt = 0; attempt < 5; attempt++) {
        assertThatThrownBy(() -> management.executeJob(job.getId()))
            .hasMessageContaining("LEAD_ASSIGNED deliveries failed")
            .hasMessageContaining("EMAIL to " + lead.get("owner").asText());
      }
      assertThat(runtime.createIncidentQuery().configuration(job.getId()).singleResult()
          .getActivityId()).isEqualTo("Task_NotifyOwner");
    } finally {
      repository.deleteDeployment(earlier.getId(), true);
    }
  }

  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
