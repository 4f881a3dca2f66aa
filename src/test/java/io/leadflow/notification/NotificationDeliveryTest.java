package io.leadflow.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.directory.UserContacts;
import io.leadflow.lead.LeadNotice;
import io.leadflow.support.ApiClient;
import io.leadflow.support.SampleLeads;
import io.leadflow.support.Teams;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.stream.StreamSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Notifications end to end: the lifecycle's Task_Notify jobs (executed here, never awaited)
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
    "leadflow.notifications.dingtalk.enabled=true",
    "leadflow.notifications.dingtalk.robots.default.secret=" + NotificationDeliveryTest.DINGTALK_SECRET,
    "leadflow.notifications.wecom.enabled=true",
    "leadflow.notifications.sms.enabled=true",
    "leadflow.notifications.sms.sign-name=LeadFlow",
    "leadflow.notifications.sms.authorization=Bearer sms-test-token",
    "leadflow.notifications.sms.templates.lead-assigned=SMS_001",
    "leadflow.notifications.sms.templates.sla-reminder=SMS_002",
    "leadflow.notifications.sms.templates.lead-reclaimed=SMS_003",
    "leadflow.notifications.sms.templates.lead-claimed=SMS_004",
    "leadflow.notifications.sms.templates.no-eligible-rep=SMS_005",
    "leadflow.notifications.sms.templates.needs-attention=SMS_006",
    "leadflow.notifications.sms.templates.collaboration-done=SMS_007",
    "leadflow.notifications.read-timeout=1s",
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

  static final String DINGTALK_SECRET = "SECtest-robot-secret-0001";

  @RegisterExtension
  static WireMockExtension http = WireMockExtension.newInstance()
      .options(WireMockConfiguration.wireMockConfig().dynamicPort()).build();

  @DynamicPropertySource
  static void channels(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> SMTP_PORT);
    registry.add("leadflow.notifications.dingtalk.robots.default.webhook",
        () -> http.baseUrl() + "/robot/send?access_token=dingtalk-token");
    registry.add("leadflow.notifications.wecom.robots.default.webhook",
        () -> http.baseUrl() + "/cgi-bin/webhook/send?key=wecom-key");
    registry.add("leadflow.notifications.sms.url", () -> http.baseUrl() + "/sms/send");
  }

  static final String OK = "{\"errcode\":0,\"errmsg\":\"ok\"}";

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired TeamDirectory directory;
  @Autowired UserContacts contacts;
  @Autowired ApplicationEventPublisher events;
  @Autowired Deliveries notify;
  @Autowired io.micrometer.core.instrument.MeterRegistry metrics;

  /** leadflow.notifications.deliveries{channel, status} so far. */
  double deliveryCount(String channel, String status) {
    var counter = metrics.find("leadflow.notifications.deliveries").tag("channel", channel)
        .tag("status", status).counter();
    return counter == null ? 0 : counter.count();
  }

  ApiClient api;

  @BeforeEach
  void team() {
    Teams.exactly(directory, identity, TEAM, REPS);
    contacts.save("east.a", "13800138001", null, null, Locale.SIMPLIFIED_CHINESE);
    contacts.save("east.b", "13800138002", null, null, Locale.ENGLISH);
    directory.ensureManager(MANAGER, "军", "钱", MANAGER + "@test.example", Teams.PASSWORD, TEAM);
    contacts.save(MANAGER, "13800138009", null, null, Locale.SIMPLIFIED_CHINESE);
    api = ApiClient.as(rest, "east.a", Teams.PASSWORD);
    http.stubFor(post(urlPathEqualTo("/robot/send")).willReturn(okJson(OK)));
    http.stubFor(post(urlPathEqualTo("/cgi-bin/webhook/send")).willReturn(okJson(OK)));
    http.stubFor(post(urlPathEqualTo("/sms/send"))
        .willReturn(okJson("{\"code\":\"OK\",\"bizId\":\"900001\"}")));
  }

  List<JsonNode> deliveries(JsonNode lead, String channel) {
    return deliveries(lead).stream().filter(d -> d.get("channel").asText().equals(channel))
        .toList();
  }

  JsonNode create() {
    return api.createLead(SampleLeads.eastChina());
  }

  /** A new lead whose assignment mail went out, with the mailboxes emptied again. */
  JsonNode createAndNotifyTheOwner() throws Exception {
    JsonNode lead = create();
    runJob(lead, NotificationEvent.LEAD_ASSIGNED);
    smtp.purgeEmailFromAllMailboxes();
    return lead;
  }

  void runJob(JsonNode lead, String activityId) {
    management.executeJob(management.createJobQuery()
        .processInstanceId(lead.get("processInstanceId").asText()).activityId(activityId)
        .singleResult().getId());
  }

  void runJob(JsonNode lead, NotificationEvent event) {
    management.executeJob(notifyJob(lead, event).getId());
  }

  /**
   * The lead's waiting job that sends this event: SubProcess_Notifications' one Task_Notify, whose
   * execution holds the event (notificationEvent); null when there is none.
   */
  Job notifyJob(JsonNode lead, NotificationEvent event) {
    List<Job> jobs = management.createJobQuery()
        .processInstanceId(lead.get("processInstanceId").asText()).activityId("Task_Notify").list()
        .stream().filter(job -> event.name().equals(
            runtime.getVariableLocal(job.getExecutionId(), "notificationEvent")))
        .toList();
    assertThat(jobs).as(event + " jobs").hasSizeLessThanOrEqualTo(1);
    return jobs.isEmpty() ? null : jobs.get(0);
  }

  List<JsonNode> deliveries(JsonNode lead) {
    JsonNode details = ApiClient.admin(rest).get("/api/leads/" + lead.get("id").asText()).getBody();
    return StreamSupport.stream(details.get("notifications").spliterator(), false).toList();
  }

  @Test
  void theNewOwnerGetsOneEmailInTheirLanguageWithTheLeadAndALinkToTheirTask() throws Exception {
    JsonNode lead = create();
    String owner = lead.get("owner").asText();
    // Asynchronous: nothing is sent in the intake request.
    assertThat(smtp.getReceivedMessages()).isEmpty();
    assertThat(deliveries(lead)).isEmpty();

    management.executeJob(notifyJob(lead, NotificationEvent.LEAD_ASSIGNED).getId());

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
    // Codes are words in the reader's language: the source, the assignment's strategy.
    assertThat(parts.get(0)).contains(leadUrl).doesNotContain("WEBSITE_TRIAL")
        .contains(owner.equals("east.a") ? "官网试用" : "website trial")
        .contains(owner.equals("east.a") ? "轮流分配" : "round robin");
    assertThat(parts.get(1)).startsWith("<!DOCTYPE html>").contains("href=\"" + taskUrl + "\"");

    assertThat(deliveries(lead, "EMAIL")).singleElement().satisfies(d -> {
      assertThat(d.get("event").asText()).isEqualTo("LEAD_ASSIGNED");
      assertThat(d.get("channel").asText()).isEqualTo("EMAIL");
      assertThat(d.get("recipient").asText()).isEqualTo(owner);
      assertThat(d.get("address").asText()).isEqualTo(owner + "@test.example");
      assertThat(d.get("status").asText()).isEqualTo("SENT");
      assertThat(d.get("attempts").asInt()).isEqualTo(1);
      assertThat(d.get("providerResponse").asText()).startsWith("accepted, Message-ID <");
      assertThat(d.get("sentAt").isNull()).isFalse();
    });
    assertThat(notifyJob(lead, NotificationEvent.LEAD_ASSIGNED)).isNull();
  }

  @Test
  void aDownMailServerNeverHoldsUpTheLeadRetriesThenRaisesAnIncidentAndRetryingItSendsOnce() {
    smtp.stop();
    double emailsFailed = deliveryCount("EMAIL", "FAILED");
    double smsSent = deliveryCount("SMS", "SENT");
    JsonNode lead = create();
    String owner = lead.get("owner").asText();
    assertThat(owner).isIn((Object[]) REPS);

    Job job = notifyJob(lead, NotificationEvent.LEAD_ASSIGNED);
    int executions = 0;
    while (job != null && job.getRetries() > 0) {
      String jobId = job.getId();
      assertThatThrownBy(() -> management.executeJob(jobId))
          .hasMessageContaining("EMAIL to " + owner + ": SMTP");
      executions++;
      job = notifyJob(lead, NotificationEvent.LEAD_ASSIGNED);
    }
    // R5/PT1M: five attempts in all, then an incident that names the channel and the error.
    assertThat(executions).isEqualTo(5);
    assertThat(deliveryCount("EMAIL", "FAILED")).isEqualTo(emailsFailed + 5);
    assertThat(deliveryCount("SMS", "SENT")).isEqualTo(smsSent + 1);
    Incident incident = runtime.createIncidentQuery()
        .processInstanceId(lead.get("processInstanceId").asText()).singleResult();
    assertThat(incident.getActivityId()).isEqualTo("Task_Notify");
    assertThat(runtime.getVariableLocal(incident.getExecutionId(), "notificationEvent"))
        .isEqualTo("LEAD_ASSIGNED");
    assertThat(incident.getIncidentMessage())
        .contains("LEAD_ASSIGNED deliveries failed").contains("EMAIL to " + owner)
        .contains("Connection refused");
    assertThat(deliveries(lead, "EMAIL")).singleElement().satisfies(d -> {
      assertThat(d.get("status").asText()).isEqualTo("FAILED");
      assertThat(d.get("attempts").asInt()).isEqualTo(5);
      assertThat(d.get("lastError").asText()).startsWith("SMTP: ");
    });
    // The other channels went out at the first attempt and were never sent again.
    assertThat(deliveries(lead)).filteredOn(d -> !d.get("channel").asText().equals("EMAIL"))
        .extracting(d -> d.get("channel").asText() + " " + d.get("status").asText() + " "
            + d.get("attempts").asInt())
        .containsExactlyInAnyOrder("DINGTALK SENT 1", "WECOM SENT 1", "SMS SENT 1");
    http.verify(1, postRequestedFor(urlPathEqualTo("/robot/send")));
    http.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/webhook/send")));
    http.verify(1, postRequestedFor(urlPathEqualTo("/sms/send")));
    // The lead stayed with its owner and the follow-up task is there all along.
    JsonNode details = ApiClient.admin(rest).get("/api/leads/" + lead.get("id").asText()).getBody();
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
    assertThat(deliveries(lead, "EMAIL")).singleElement().satisfies(d -> {
      assertThat(d.get("status").asText()).isEqualTo("SENT");
      assertThat(d.get("attempts").asInt()).isEqualTo(6);
      assertThat(d.get("lastError").isNull()).isTrue();
    });
  }

  @Test
  void aMissedSlaTellsThePreviousOwnerAndTheManagerAndAClaimTellsTheManager() throws Exception {
    JsonNode lead = createAndNotifyTheOwner();
    String owner = lead.get("owner").asText();
    String pid = lead.get("processInstanceId").asText();

    runJob(lead, "Timer_FollowUpSla");
    runJob(lead, NotificationEvent.LEAD_RECLAIMED);
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
    management.executeJob(notifyJob(lead, NotificationEvent.LEAD_CLAIMED).getId());
    assertThat(smtp.getReceivedMessages()).singleElement().satisfies(mail -> {
      assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(MANAGER + "@test.example");
      assertThat(mail.getSubject()).startsWith("公海线索已被认领：").endsWith("→ " + claimant + " Test");
    });

    assertThat(deliveries(lead, "EMAIL")).extracting(d -> d.get("event").asText() + " "
            + d.get("recipient").asText() + " " + d.get("status").asText())
        .containsExactlyInAnyOrder("LEAD_ASSIGNED " + owner + " SENT",
            "LEAD_RECLAIMED " + owner + " SENT", "LEAD_RECLAIMED " + MANAGER + " SENT",
            "LEAD_CLAIMED " + MANAGER + " SENT");
  }

  @Test
  void halfWayThroughTheSlaTheOwnerIsRemindedOnce() throws Exception {
    JsonNode lead = createAndNotifyTheOwner();
    String owner = lead.get("owner").asText();

    runJob(lead, "Timer_SlaReminder");
    runJob(lead, NotificationEvent.SLA_REMINDER);
    assertThat(smtp.getReceivedMessages()).singleElement().satisfies(mail -> {
      assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(owner + "@test.example");
      assertThat(mail.getSubject()).startsWith(owner.equals("east.a") ? "跟进提醒：" : "Reminder: ");
    });
    assertThat(deliveries(lead, "SMS")).extracting(d -> d.get("event").asText())
        .containsExactly("LEAD_ASSIGNED", "SLA_REMINDER");
    assertThat(json(http.findAll(postRequestedFor(urlPathEqualTo("/sms/send"))).get(1))
        .get("templateId").asText()).isEqualTo("SMS_002");
  }

  @Test
  void aTeamWithNobodyEligibleTellsItsManager() throws Exception {
    for (String rep : REPS) {
      directory.save(directory.profile(rep).setActive(false));
    }
    JsonNode lead = create();
    assertThat(lead.get("poolReason").asText()).isEqualTo("NO_ELIGIBLE_REP");
    management.executeJob(notifyJob(lead, NotificationEvent.NO_ELIGIBLE_REP).getId());
    assertThat(smtp.getReceivedMessages()).singleElement().satisfies(mail -> {
      assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(MANAGER + "@test.example");
      assertThat(mail.getSubject()).startsWith("无可分配销售：");
      assertThat(textParts(mail).get(0))
          .contains("**详情**：团队无可接收线索的销售; 跳过（停用）: east.")
          .contains("跳过（停用）: east.a").doesNotContain("SKIPPED_UNAVAILABLE");
    });
  }

  /**
   * The stage tasks' notices, published as the lead service does and sent as their notify tasks
   * do (notifyDelegate with notificationEvent NEEDS_ATTENTION / COLLABORATION_DONE).
   */
  @Test
  void aStalledLeadTellsTheManagerAndADoneCollaborationTheOwnerBothLinkingTheOwnersTask()
      throws Exception {
    JsonNode lead = createAndNotifyTheOwner();
    String owner = lead.get("owner").asText();
    long id = lead.get("id").asLong();
    String taskId = tasks.createTaskQuery().processInstanceId(lead.get("processInstanceId")
        .asText()).taskDefinitionKey("Task_FollowUp").singleResult().getId();
    String taskUrl = "https://leads.example.com/camunda/app/tasklist/default/#/?task=" + taskId;
    boolean ownerReadsChinese = owner.equals("east.a");

    String stalled = "自 2026-11-16 09:30 起停在 SQL 阶段 / In stage SQL since 2026-11-16 09:30";
    events.publishEvent(new LeadNotice(LeadNotice.Kind.NEEDS_ATTENTION, id, TEAM, owner, stalled,
        null));
    notify.deliver(id, NotificationEvent.NEEDS_ATTENTION);
    assertThat(smtp.getReceivedMessages()).singleElement().satisfies(mail -> {
      assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(MANAGER + "@test.example");
      assertThat(mail.getSubject()).startsWith("线索推进停滞：")
          .endsWith("（负责人 " + owner + " Test）");
      assertThat(textParts(mail).get(0)).contains("钱军，您好！**" + owner + " Test** 负责的")
          .contains("- **停滞情况**：" + stalled)
          .contains("[打开负责人的任务](" + taskUrl + ")");
    });
    smtp.purgeEmailFromAllMailboxes();

    String done = "方案评审 / Solution review · 钱军：方案已评审，报价单见共享盘";
    events.publishEvent(new LeadNotice(LeadNotice.Kind.COLLABORATION_DONE, id, TEAM, owner, done,
        null));
    notify.deliver(id, NotificationEvent.COLLABORATION_DONE);
    assertThat(smtp.getReceivedMessages()).singleElement().satisfies(mail -> {
      assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(owner + "@test.example");
      assertThat(mail.getSubject()).startsWith(ownerReadsChinese ? "协作已完成：" : "Collaboration done: ");
      assertThat(textParts(mail).get(0)).contains(done)
          .contains((ownerReadsChinese ? "[打开任务](" : "[Open the task](") + taskUrl + ")");
    });

    assertThat(deliveries(lead)).filteredOn(d -> !d.get("event").asText().equals("LEAD_ASSIGNED"))
        .extracting(d -> d.get("event").asText() + " " + d.get("channel").asText() + " "
            + d.get("recipient").asText() + " " + d.get("status").asText())
        .containsExactlyInAnyOrder(
            "NEEDS_ATTENTION EMAIL " + MANAGER + " SENT", "NEEDS_ATTENTION DINGTALK " + MANAGER
                + " SENT", "NEEDS_ATTENTION WECOM " + MANAGER + " SENT",
            "NEEDS_ATTENTION SMS " + MANAGER + " SENT",
            "COLLABORATION_DONE EMAIL " + owner + " SENT", "COLLABORATION_DONE DINGTALK " + owner
                + " SENT", "COLLABORATION_DONE WECOM " + owner + " SENT",
            "COLLABORATION_DONE SMS " + owner + " SENT");
    assertThat(http.findAll(postRequestedFor(urlPathEqualTo("/sms/send"))))
        .extracting(request -> json(request).get("templateId").asText())
        .containsExactly("SMS_001", "SMS_006", "SMS_007");
  }

  @Test
  void theOwnerHearsOnEveryChannelTheirProfileReachesWithTheExactProtocolOfEach() throws Exception {
    JsonNode lead = create();
    String owner = lead.get("owner").asText();
    String mobile = owner.equals("east.a") ? "13800138001" : "13800138002";
    management.executeJob(notifyJob(lead, NotificationEvent.LEAD_ASSIGNED).getId());
    String subject = smtp.getReceivedMessages()[0].getSubject();
    String leadUrl = "https://leads.example.com/api/leads/" + lead.get("id").asText();

    // DingTalk: signed with the robot's secret, Markdown that @-mentions the owner's mobile.
    LoggedRequest dingTalk = single("/robot/send");
    assertThat(dingTalk.queryParameter("access_token").firstValue()).isEqualTo("dingtalk-token");
    String timestamp = dingTalk.queryParameter("timestamp").firstValue();
    assertThat(Long.parseLong(timestamp)).isCloseTo(System.currentTimeMillis(),
        org.assertj.core.data.Offset.offset(60_000L));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(DINGTALK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String sign = Base64.getEncoder().encodeToString(
        mac.doFinal((timestamp + "\n" + DINGTALK_SECRET).getBytes(StandardCharsets.UTF_8)));
    assertThat(dingTalk.queryParameter("sign").firstValue()).isEqualTo(sign);
    assertThat(dingTalk.contentTypeHeader().mimeTypePart()).isEqualTo("application/json");
    JsonNode dingTalkBody = json(dingTalk);
    assertThat(dingTalkBody.get("msgtype").asText()).isEqualTo("markdown");
    assertThat(dingTalkBody.at("/markdown/title").asText()).isEqualTo(subject);
    assertThat(dingTalkBody.at("/markdown/text").asText()).contains("@" + mobile + " ")
        .contains(leadUrl);
    assertThat(dingTalkBody.at("/at/atMobiles/0").asText()).isEqualTo(mobile);
    assertThat(dingTalkBody.at("/at/isAtAll").asBoolean()).isFalse();

    // WeCom: Markdown with the subject in bold (no WeCom user id: no mention).
    JsonNode weCom = json(single("/cgi-bin/webhook/send"));
    assertThat(single("/cgi-bin/webhook/send").queryParameter("key").firstValue())
        .isEqualTo("wecom-key");
    assertThat(weCom.get("msgtype").asText()).isEqualTo("markdown");
    assertThat(weCom.at("/markdown/content").asText()).startsWith("**" + subject + "**\n")
        .contains(leadUrl).doesNotContain("<@");

    // SMS: the gateway's template, signature, parameters and our delivery id as request id.
    LoggedRequest smsRequest = single("/sms/send");
    assertThat(smsRequest.getHeader("Authorization")).isEqualTo("Bearer sms-test-token");
    JsonNode sms = json(smsRequest);
    assertThat(sms.get("phoneNumber").asText()).isEqualTo("+86" + mobile);
    assertThat(sms.get("signName").asText()).isEqualTo("LeadFlow");
    assertThat(sms.get("templateId").asText()).isEqualTo("SMS_001");
    assertThat(sms.get("content").asText()).isEqualTo(subject);
    assertThat(sms.at("/templateParams/leadId").asText()).isEqualTo(lead.get("id").asText());
    assertThat(sms.at("/templateParams/score").asText()).isEqualTo("65");
    assertThat(sms.at("/templateParams/leadUrl").asText()).isEqualTo(leadUrl);

    List<JsonNode> sent = deliveries(lead);
    assertThat(sent).extracting(d -> d.get("channel").asText() + " " + d.get("address").asText()
            + " " + d.get("status").asText())
        .containsExactlyInAnyOrder("EMAIL " + owner + "@test.example SENT",
            "DINGTALK " + mobile + " SENT", "WECOM " + mobile + " SENT",
            "SMS +86" + mobile + " SENT");
    JsonNode smsDelivery = deliveries(lead, "SMS").get(0);
    assertThat(smsDelivery.get("providerResponse").asText()).contains("900001");
    assertThat(sms.get("requestId").asText()).isNotBlank();
  }

  @Test
  void aFailingRobotIsRetriedAloneAndAfterItRecoversEveryoneHasHeardExactlyOnce() {
    http.stubFor(post(urlPathEqualTo("/robot/send"))
        .willReturn(aResponse().withStatus(500).withBody("upstream down")));
    JsonNode lead = create();
    String owner = lead.get("owner").asText();
    Job job = notifyJob(lead, NotificationEvent.LEAD_ASSIGNED);

    assertThatThrownBy(() -> management.executeJob(job.getId()))
        .hasMessageContaining("1 of 4 LEAD_ASSIGNED deliveries failed")
        .hasMessageContaining("DINGTALK to " + owner)
        .hasMessageContaining("500")
        .hasMessageNotContaining("dingtalk-token").hasMessageNotContaining(DINGTALK_SECRET);
    assertThat(management.createJobQuery().jobId(job.getId()).singleResult().getRetries())
        .isEqualTo(4);
    assertThat(deliveries(lead, "DINGTALK").get(0).get("status").asText()).isEqualTo("FAILED");

    // Twice more at-least-once, while the robot is still down: still nothing sent twice.
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> management.executeJob(job.getId()))
          .hasMessageContaining("1 of 1 LEAD_ASSIGNED deliveries failed");
    }
    http.stubFor(post(urlPathEqualTo("/robot/send")).willReturn(okJson(OK)));
    management.executeJob(job.getId());

    assertThat(smtp.getReceivedMessages()).hasSize(1);
    http.verify(4, postRequestedFor(urlPathEqualTo("/robot/send")));
    http.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/webhook/send")));
    http.verify(1, postRequestedFor(urlPathEqualTo("/sms/send")));
    assertThat(deliveries(lead)).extracting(d -> d.get("channel").asText() + " "
            + d.get("status").asText() + " " + d.get("attempts").asInt())
        .containsExactlyInAnyOrder("EMAIL SENT 1", "DINGTALK SENT 4", "WECOM SENT 1",
            "SMS SENT 1");
    assertThat(notifyJob(lead, NotificationEvent.LEAD_ASSIGNED)).isNull();
  }

  @Test
  void aGatewayThatDoesNotAnswerInTimeFailsTheDeliveryNotTheLead() {
    http.stubFor(post(urlPathEqualTo("/sms/send"))
        .willReturn(okJson("{}").withFixedDelay(3_000)));
    JsonNode lead = create();
    assertThat(lead.get("owner").isNull()).isFalse();
    Job job = notifyJob(lead, NotificationEvent.LEAD_ASSIGNED);
    assertThatThrownBy(() -> management.executeJob(job.getId()))
        .hasMessageContaining("SMS to " + lead.get("owner").asText())
        .hasMessageContaining("timeout, no answer within the read timeout");
    assertThat(deliveries(lead, "SMS").get(0).get("lastError").asText()).contains("timeout");
  }

  LoggedRequest single(String path) {
    List<LoggedRequest> requests = http.findAll(postRequestedFor(urlPathEqualTo(path)));
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  static JsonNode json(LoggedRequest request) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(request.getBodyAsString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
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
