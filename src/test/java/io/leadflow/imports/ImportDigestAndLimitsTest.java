package io.leadflow.imports;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.directory.UserContacts;
import io.leadflow.support.ApiClient;
import io.leadflow.support.Teams;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * No message storm: an import's assignments reach each rep as one digest per channel, sent by the
 * LeadsDigest process's job (executed here) with a delivery record each, retried, an incident
 * when a channel keeps failing, and only what failed sent again. Also the upload limits, set low
 * here: the file size and the number of rows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:leadflow-import-digest;DB_CLOSE_DELAY=-1;MODE=LEGACY",
    "camunda.bpm.process-engine-name=importdigest",
    "leadflow.notifications.public-url=https://leads.example.com",
    "leadflow.notifications.email.enabled=true",
    "spring.mail.host=127.0.0.1",
    "leadflow.notifications.wecom.enabled=true",
    "leadflow.imports.max-file-size=1MB",
    "leadflow.imports.max-rows=50",
})
@ActiveProfiles("test")
class ImportDigestAndLimitsTest {

  static final int SMTP_PORT = freePort();
  static final String TEAM = "east-china";
  static final String[] REPS = {"dg.a", "dg.b"};
  static final Duration WITHIN = Duration.ofSeconds(90);

  @RegisterExtension
  static GreenMailExtension smtp =
      new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
          .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  @RegisterExtension
  static WireMockExtension http = WireMockExtension.newInstance()
      .options(WireMockConfiguration.wireMockConfig().dynamicPort()).build();

  @DynamicPropertySource
  static void channels(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> SMTP_PORT);
    registry.add("leadflow.notifications.wecom.robots.default.webhook",
        () -> http.baseUrl() + "/cgi-bin/webhook/send?key=wecom-key");
  }

  @Autowired TestRestTemplate rest;
  @Autowired TeamDirectory directory;
  @Autowired IdentityService identity;
  @Autowired UserContacts contacts;
  @Autowired ManagementService management;
  @Autowired RuntimeService runtime;
  @Autowired JdbcTemplate jdbc;

  ImportClient admin;
  String run;

  @BeforeEach
  void setUp() {
    Teams.exactly(directory, identity, TEAM, REPS);
    contacts.save("dg.a", "13800138011", null, "wecom.dg.a", Locale.SIMPLIFIED_CHINESE);
    contacts.save("dg.b", "13800138012", null, "wecom.dg.b", Locale.ENGLISH);
    admin = ImportClient.as(rest, "admin", "admin-test-password");
    run = UUID.randomUUID().toString().substring(0, 8);
    http.resetAll();
    http.stubFor(post(urlPathEqualTo("/cgi-bin/webhook/send"))
        .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  byte[] cards(int n) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("姓名", "公司", "邮箱", "省份", "行业", "员工数", "预算", "是否决策人", "来源"));
    for (int i = 0; i < n; i++) {
      rows.add(List.of("客户" + i, "上海" + run + "银行", "d" + i + "." + run + "@example.cn", "上海市",
          "金融", "900", "150万", "是", "PARTNER_REFERRAL"));
    }
    return ImportFiles.xlsx(rows);
  }

  /** Runs every waiting notify job of the import's leads: none of them sends anything. */
  int runLeadNotifyJobs(long importId) {
    List<String> processes = jdbc.queryForList("select l.process_instance_id from import_rows r"
        + " join leads l on l.id = r.lead_id where r.import_id = ?", String.class, importId);
    int ran = 0;
    for (String process : processes) {
      for (Job job : management.createJobQuery().processInstanceId(process)
          .activityId("Task_Notify").list()) {
        management.executeJob(job.getId());
        ran++;
      }
    }
    return ran;
  }

  Job digestJob(long importId) {
    var digest = runtime.createProcessInstanceQuery().processDefinitionKey("LeadsDigest")
        .processInstanceBusinessKey("import:" + importId).singleResult();
    return digest == null ? null
        : management.createJobQuery().processInstanceId(digest.getId()).singleResult();
  }

  @Test
  void eachRepGetsOneDigestPerChannelRetriedUntilItGoesOutAndNoMessagePerLead() throws Exception {
    long id = admin.start("digest.xlsx", cards(10), Map.of("campaign", "工博会"));
    JsonNode done = admin.awaitEnd(id, WITHIN);
    assertThat(done.get("assigned").toString()).isEqualTo("{\"dg.a\":5,\"dg.b\":5}");

    assertThat(runLeadNotifyJobs(id)).isEqualTo(10);
    assertThat(smtp.getReceivedMessages()).isEmpty();
    assertThat(http.getAllServeEvents()).isEmpty();

    // WeCom is down at first: the e-mails go out, the job fails and is retried.
    http.stubFor(post(urlPathEqualTo("/cgi-bin/webhook/send"))
        .willReturn(serverError().withBody("busy")));
    Job job = digestJob(id);
    assertThat(job).isNotNull();
    int attempts = 0;
    while (job != null && job.getRetries() > 0) {
      String jobId = job.getId();
      assertThatThrownBy(() -> management.executeJob(jobId))
          .hasMessageContaining("LEADS_DIGEST deliveries failed for import:" + id)
          .hasMessageContaining("WECOM to dg.a");
      attempts++;
      job = digestJob(id);
    }
    assertThat(attempts).isEqualTo(5);
    Incident incident = runtime.createIncidentQuery().processInstanceId(job.getProcessInstanceId())
        .singleResult();
    assertThat(incident.getActivityId()).isEqualTo("Task_SendDigests");
    assertThat(incident.getIncidentMessage()).contains("WECOM to dg.b");

    MimeMessage[] mails = smtp.getReceivedMessages();
    assertThat(mails).hasSize(2);
    MimeMessage zh = Arrays.stream(mails).filter(m -> address(m).startsWith("dg.a")).findFirst()
        .orElseThrow();
    assertThat(zh.getSubject()).isEqualTo("您有 5 条新的客户线索待跟进");
    String body = text(zh);
    assertThat(body).contains("digest.xlsx · 工博会").contains("- [上海" + run + "银行 · 客户")
        .contains("https://leads.example.com/camunda/app/tasklist");
    MimeMessage en = Arrays.stream(mails).filter(m -> address(m).startsWith("dg.b")).findFirst()
        .orElseThrow();
    assertThat(en.getSubject()).isEqualTo("5 new leads to follow up");

    // WeCom is back: retrying the incident sends the two WeCom digests, and no e-mail again.
    http.resetAll();
    http.stubFor(post(urlPathEqualTo("/cgi-bin/webhook/send"))
        .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
    management.setJobRetries(job.getId(), 1);
    management.executeJob(job.getId());
    assertThat(digestJob(id)).isNull();
    assertThat(http.getAllServeEvents()).hasSize(2);
    assertThat(http.getAllServeEvents()).extracting(e -> e.getRequest().getBodyAsString())
        .anySatisfy(b -> assertThat(b).contains("您有 5 条新的客户线索待跟进").contains("<@wecom.dg.a>"))
        .anySatisfy(b -> assertThat(b).contains("5 new leads to follow up").contains("<@wecom.dg.b>"));
    assertThat(smtp.getReceivedMessages()).hasSize(2);

    long firstLead = jdbc.queryForObject("select min(lead_id) from import_rows where import_id = ?",
        Long.class, id);
    JsonNode lead = ApiClient.admin(rest).get("/api/leads/" + firstLead).getBody();
    List<String> digests = new ArrayList<>();
    lead.get("notifications").forEach(d -> {
      if (d.get("event").asText().equals("LEADS_DIGEST")) {
        digests.add(d.get("channel").asText() + " " + d.get("status").asText() + " "
            + d.get("attempts").asInt());
      }
    });
    assertThat(digests).containsExactlyInAnyOrder("EMAIL SENT 1", "WECOM SENT 6");
  }

  /** The mail's plain text part. */
  static String text(jakarta.mail.Part part) throws Exception {
    if (part.isMimeType("text/plain")) {
      return (String) part.getContent();
    }
    if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        String text = text(multipart.getBodyPart(i));
        if (text != null) {
          return text;
        }
      }
    }
    return null;
  }

  static String address(MimeMessage mail) {
    try {
      return mail.getAllRecipients()[0].toString();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void withoutTheDigestEachLeadIsAnnouncedOnItsOwn() {
    long id = admin.start("single.xlsx", cards(2), Map.of("digest", "false"));
    admin.awaitEnd(id, WITHIN);
    assertThat(runLeadNotifyJobs(id)).isEqualTo(2);
    assertThat(smtp.getReceivedMessages()).hasSize(2).extracting(MimeMessage::getSubject)
        .allSatisfy(subject -> assertThat(subject).containsAnyOf("您有新的客户线索待跟进：",
            "New lead to follow up: ").contains("上海" + run + "银行"));
    assertThat(digestJob(id)).isNull();
  }

  @Test
  void filesOverTheLimitsAreRefusedWith413() {
    ResponseEntity<JsonNode> rows = admin.upload("many.xlsx", cards(51), Map.of());
    assertThat(rows.getStatusCode().value()).isEqualTo(413);
    assertThat(ImportApiTest.errorOf(rows)).isEqualTo("file: has more than 50 rows"
        + " (leadflow.imports.max-rows)");
    byte[] big = new byte[1_500_000];
    Arrays.fill(big, (byte) 'a');
    ResponseEntity<JsonNode> size = admin.upload("big.csv", big, Map.of());
    assertThat(size.getStatusCode().value()).isEqualTo(413);
    assertThat(ImportApiTest.errorOf(size)).isEqualTo("file: is larger than 1 MB"
        + " (leadflow.imports.max-file-size)");
  }
}
