package io.leadflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.leadflow.assignment.TeamDirectory;
import io.leadflow.identity.UserContacts;
import io.leadflow.support.ApiClient;
import io.leadflow.support.SampleLeads;
import io.leadflow.support.Teams;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Notifications end to end: the lifecycle's Task_Notify* jobs (executed here, never awaited)
 * against a real SMTP server (GreenMail) and real HTTP servers (WireMock).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    // A context of its own: its own in-memory database and engine name (the REST API's engine
    // registry is JVM-wide).
    "spring.datasource.url=jdbc:h2:mem:leadflow-notifications;DB_CLOSE_DELAY=-1;MODE=LEGACY",
    "camunda.bpm.process-engine-name=notifications",
    "leadflow.notifications.public-url=https://leads.example.com",
    "leadflow.notifications.email.enabled=true",
    "leadflow.notifications.email.from=LeadFlow <leadflow@leads.example.com>",
    "spring.mail.host=127.0.0.1",
})
@ActiveProfiles("test")
class NotificationDeliveryTest {

  static final int SMTP_PORT = freePort();
  static final String TEAM = "east-china";
  static final String[] REPS = {"east.a", "east.b"};
  static final String MANAGER = "east.boss";

  @RegisterExtension
  static GreenMailExtension smtp =
      new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
          .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  @DynamicPropertySource
  static void channels(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> SMTP_PORT);
  }

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired TeamDirectory directory;
  @Autowired UserContacts contacts;

  ApiClient api;

  @BeforeEach
  void team() {
    Teams.exactly(directory, identity, TEAM, REPS);
    contacts.save("east.a", "13800138001", null, null, Locale.SIMPLIFIED_CHINESE);
    contacts.save("east.b", "13800138002", null, null, Locale.ENGLISH);
    directory.ensureManager(MANAGER, "军", "钱", MANAGER + "@test.example", Teams.PASSWORD, TEAM);
    contacts.save(MANAGER, "13800138009", null, null, Locale.SIMPLIFIED_CHINESE);
    api = ApiClient.as(rest, "east.a", Teams.PASSWORD);
  }

  JsonNode create() {
    var response = api.post("/api/leads", SampleLeads.eastChina());
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return response.getBody();
  }

  Job notifyJob(JsonNode lead, String activityId) {
    return management.createJobQuery().processInstanceId(lead.get("processInstanceId").asText())
        .activityId(activityId).singleResult();
  }

  List<JsonNode> deliveries(JsonNode lead) {
    JsonNode details = api.get("/api/leads/" + lead.get("id").asText()).getBody();
    return StreamSupport.stream(details.get("notifications").spliterator(), false).toList();
  }

  @Test
  void theNewOwnerGetsOneEmailInTheirLanguageWithTheLeadAndALinkToTheirTask() throws Exception {
    JsonNode lead = create();
    String owner = lead.get("owner").asText();
    // Asynchronous: nothing is sent in the intake request.
    assertThat(smtp.getReceivedMessages()).isEmpty();
    assertThat(deliveries(lead)).isEmpty();

    management.executeJob(notifyJob(lead, "Task_NotifyOwner").getId());

    MimeMessage[] mails = smtp.getReceivedMessages();
    assertThat(mails).hasSize(1);
    MimeMessage mail = mails[0];
    assertThat(Arrays.toString(mail.getAllRecipients())).isEqualTo("[" + owner + "@test.example]");
    assertThat(mail.getFrom()[0].toString()).isEqualTo("LeadFlow <leadflow@leads.example.com>");
    String taskId = tasks.createTaskQuery().processInstanceId(lead.get("processInstanceId")
        .asText()).taskDefinitionKey("Task_FollowUp").singleResult().getId();
    String taskUrl = "https://leads.example.com/camunda/app/tasklist/default/#/?task=" + taskId;
    String leadUrl = "https://leads.example.com/api/leads/" + lead.get("id").asText();
    List<String> parts = textParts(mail);
    assertThat(parts).hasSize(2);
    if (owner.equals("east.a")) {
      assertThat(mail.getSubject()).startsWith("您有新的客户线索待跟进：");
      assertThat(parts.get(0)).startsWith("### 您有新的客户线索待跟进\neast.a Test，您好！")
          .contains("[打开跟进任务](" + taskUrl + ")");
    } else {
      assertThat(mail.getSubject()).startsWith("New lead to follow up: ");
      assertThat(parts.get(0)).contains("[Open the task](" + taskUrl + ")");
    }
    assertThat(parts.get(0)).contains(leadUrl).contains("WEBSITE_TRIAL");
    assertThat(parts.get(1)).startsWith("<!DOCTYPE html>").contains("href=\"" + taskUrl + "\"");

    assertThat(deliveries(lead)).singleElement().satisfies(d -> {
      assertThat(d.get("event").asText()).isEqualTo("LEAD_ASSIGNED");
      assertThat(d.get("channel").asText()).isEqualTo("EMAIL");
      assertThat(d.get("recipient").asText()).isEqualTo(owner);
      assertThat(d.get("address").asText()).isEqualTo(owner + "@test.example");
      assertThat(d.get("status").asText()).isEqualTo("SENT");
      assertThat(d.get("attempts").asInt()).isEqualTo(1);
      assertThat(d.get("providerResponse").asText()).startsWith("accepted, Message-ID <");
      assertThat(d.get("sentAt").isNull()).isFalse();
    });
    assertThat(notifyJob(lead, "Task_NotifyOwner")).isNull();
  }

  @Test
  void aDownMailServerNeverHoldsUpTheLeadRetriesThenRaisesAnIncidentAndRetryingItSendsOnce() {
    smtp.stop();
    JsonNode lead = create();
    String owner = lead.get("owner").asText();
    assertThat(owner).isIn((Object[]) REPS);

    Job job = notifyJob(lead, "Task_NotifyOwner");
    int executions = 0;
    while (job != null && job.getRetries() > 0) {
      String jobId = job.getId();
      assertThatThrownBy(() -> management.executeJob(jobId))
          .hasMessageContaining("EMAIL to " + owner + ": SMTP");
      executions++;
      job = notifyJob(lead, "Task_NotifyOwner");
    }
    // R5/PT1M: five attempts in all, then an incident that names the channel and the error.
    assertThat(executions).isEqualTo(5);
    Incident incident = runtime.createIncidentQuery()
        .processInstanceId(lead.get("processInstanceId").asText()).singleResult();
    assertThat(incident.getActivityId()).isEqualTo("Task_NotifyOwner");
    assertThat(incident.getIncidentMessage())
        .contains("LEAD_ASSIGNED deliveries failed").contains("EMAIL to " + owner)
        .contains("Connection refused");
    assertThat(deliveries(lead)).singleElement().satisfies(d -> {
      assertThat(d.get("status").asText()).isEqualTo("FAILED");
      assertThat(d.get("attempts").asInt()).isEqualTo(5);
      assertThat(d.get("lastError").asText()).startsWith("SMTP: ");
    });
    // The lead stayed with its owner and the follow-up task is there all along.
    JsonNode details = api.get("/api/leads/" + lead.get("id").asText()).getBody();
    assertThat(details.get("owner").asText()).isEqualTo(owner);
    assertThat(tasks.createTaskQuery().processInstanceId(lead.get("processInstanceId").asText())
        .taskAssignee(owner).count()).isEqualTo(1);

    // The mail server is back; the manager retries the incident (as Cockpit does).
    smtp.start();
    management.setJobRetries(job.getId(), 1);
    management.executeJob(job.getId());
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(runtime.createIncidentQuery()
        .processInstanceId(lead.get("processInstanceId").asText()).count()).isZero();
    assertThat(deliveries(lead)).singleElement().satisfies(d -> {
      assertThat(d.get("status").asText()).isEqualTo("SENT");
      assertThat(d.get("attempts").asInt()).isEqualTo(6);
      assertThat(d.get("lastError").isNull()).isTrue();
    });
  }

  @Test
  void aMissedSlaTellsThePreviousOwnerAndTheManagerAndAClaimTellsTheManager() throws Exception {
    JsonNode lead = create();
    String owner = lead.get("owner").asText();
    String pid = lead.get("processInstanceId").asText();
    management.executeJob(notifyJob(lead, "Task_NotifyOwner").getId());
    smtp.purgeEmailFromAllMailboxes();

    management.executeJob(management.createJobQuery().processInstanceId(pid)
        .activityId("Timer_FollowUpSla").singleResult().getId());
    management.executeJob(notifyJob(lead, "Task_NotifyReclaimed").getId());
    MimeMessage[] reclaimed = smtp.getReceivedMessages();
    assertThat(reclaimed).extracting(m -> m.getAllRecipients()[0].toString())
        .containsExactlyInAnyOrder(owner + "@test.example", MANAGER + "@test.example");
    for (MimeMessage mail : reclaimed) {
      boolean toManager = mail.getAllRecipients()[0].toString().startsWith(MANAGER);
      boolean chinese = toManager || owner.equals("east.a");
      assertThat(mail.getSubject()).startsWith(chinese ? "线索已收回公海：" : "Lead reclaimed to the pool: ");
      if (toManager) {
        assertThat(textParts(mail).get(0)).contains("钱军，您好！" + owner + " Test未在")
            .contains("/camunda/app/cockpit/default/#/process-instance/" + pid);
      }
    }
    smtp.purgeEmailFromAllMailboxes();

    String claimant = owner.equals("east.a") ? "east.b" : "east.a";
    assertThat(ApiClient.as(rest, claimant, Teams.PASSWORD)
        .post("/api/pool/" + lead.get("id").asText() + "/claim", null).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    management.executeJob(notifyJob(lead, "Task_NotifyClaimed").getId());
    assertThat(smtp.getReceivedMessages()).singleElement().satisfies(mail -> {
      assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(MANAGER + "@test.example");
      assertThat(mail.getSubject()).startsWith("公海线索已被认领：").endsWith("→ " + claimant + " Test");
    });

    assertThat(deliveries(lead)).extracting(d -> d.get("event").asText() + " "
            + d.get("recipient").asText() + " " + d.get("status").asText())
        .containsExactlyInAnyOrder("LEAD_ASSIGNED " + owner + " SENT",
            "LEAD_RECLAIMED " + owner + " SENT", "LEAD_RECLAIMED " + MANAGER + " SENT",
            "LEAD_CLAIMED " + MANAGER + " SENT");
  }

  @Test
  void aTeamWithNobodyEligibleTellsItsManager() throws Exception {
    for (String rep : REPS) {
      directory.save(directory.profile(rep).setActive(false));
    }
    JsonNode lead = create();
    assertThat(lead.get("poolReason").asText()).isEqualTo("NO_ELIGIBLE_REP");
    management.executeJob(notifyJob(lead, "Task_NotifyNoEligibleRep").getId());
    assertThat(smtp.getReceivedMessages()).singleElement().satisfies(mail -> {
      assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(MANAGER + "@test.example");
      assertThat(mail.getSubject()).startsWith("无可分配销售：");
      assertThat(textParts(mail).get(0)).contains("SKIPPED_UNAVAILABLE: east.a");
    });
  }

  /** The text parts of a mail in order (text/plain, then text/html). */
  static List<String> textParts(Part part) throws Exception {
    List<String> texts = new ArrayList<>();
    if (part.isMimeType("text/*")) {
      texts.add(((String) part.getContent()).replace("\r\n", "\n"));
    } else if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        texts.addAll(textParts(child));
      }
    }
    return texts;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
