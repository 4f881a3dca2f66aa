package io.leadflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.support.ApiClient;
import io.leadflow.support.Teams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.yaml.snakeyaml.Yaml;

/**
 * Health, readiness and metrics as operators see them: the probes answer anyone with the status
 * alone, details and metrics need a login; a lead taken in moves the counters; the Docker health
 * checks ask the readiness endpoint. The test profile switches the job executor off (tests run
 * jobs themselves), which readiness reports as such; the fault suite sees it run and go DOWN.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@AutoConfigureObservability(tracing = false) // Spring Boot's tests leave Prometheus out otherwise
class OperationsTest {

  @Autowired TestRestTemplate rest;
  @Autowired TeamDirectory directory;
  @Autowired IdentityService identity;
  @Autowired ManagementService management;

  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeEach
  void team() {
    Teams.exactly(directory, identity, "south-china", "ops.a", "ops.b");
  }

  ResponseEntity<String> get(String path, boolean asAdmin) {
    HttpHeaders headers = new HttpHeaders();
    if (asAdmin) {
      headers.setBasicAuth("admin", "admin-test-password");
    }
    return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }

  JsonNode json(ResponseEntity<String> response) throws Exception {
    return JSON.readTree(response.getBody());
  }

  @Test
  void theProbesAnswerAnyoneWithTheStatusAloneAndAUserWithTheComponents() throws Exception {
    ResponseEntity<String> liveness = get("/actuator/health/liveness", false);
    assertThat(liveness.getStatusCode().value()).isEqualTo(200);
    assertThat(json(liveness).get("status").asText()).isEqualTo("UP");

    ResponseEntity<String> anonymous = get("/actuator/health/readiness", false);
    assertThat(anonymous.getStatusCode().value()).isEqualTo(200);
    assertThat(json(anonymous).fieldNames()).toIterable().containsExactly("status");

    JsonNode readiness = json(get("/actuator/health/readiness", true));
    assertThat(readiness.get("status").asText()).isEqualTo("UP");
    assertThat(readiness.get("components").get("db").get("status").asText()).isEqualTo("UP");
    assertThat(readiness.at("/components/jobExecution/details/jobExecution").asText())
        .isEqualTo("switched off on this node by configuration");
    assertThat(readiness.get("components").get("readinessState").get("status").asText())
        .isEqualTo("UP");

    assertThat(json(get("/actuator/health", false)).fieldNames()).toIterable()
        .contains("status").doesNotContain("components", "details");
    assertThat(json(get("/actuator/health", true)).get("components").has("processEngine"))
        .isTrue();
  }

  @Test
  void metricsAndEverythingElseOfTheActuatorNeedALogin() {
    assertThat(get("/actuator/prometheus", false).getStatusCode().value()).isEqualTo(401);
    assertThat(get("/actuator/metrics", false).getStatusCode().value()).isEqualTo(401);
    assertThat(get("/actuator/env", true).getStatusCode().value()).isEqualTo(404);
    ResponseEntity<String> prometheus = get("/actuator/prometheus", true);
    assertThat(prometheus.getStatusCode().value()).isEqualTo(200);
    assertThat(prometheus.getBody()).contains("leadflow_jobs_backlog", "leadflow_jobs_failed",
        "leadflow_incidents_open", "jvm_memory_used_bytes");
  }

  @Test
  void aLeadTakenInMovesTheCountersAndAMissedSlaToo() {
    ApiClient api = ApiClient.admin(rest);
    double received = metric("leadflow_leads_received_total", "source", "PARTNER_REFERRAL");
    double intakes = metric("leadflow_intake_seconds_count", "status", "201");
    double assigned = metric("leadflow_leads_assigned_total", "strategy", "LOAD_BALANCED");
    double pooled = metric("leadflow_leads_pooled_total", "reason", "ROUTED_TO_POOL");
    double missed = metric("leadflow_sla_missed_total", null, null);
    double duplicates = metric("leadflow_leads_duplicates_total", null, null);

    // 20 + 15 + 10 + 10 + 10 + 5 = 70: an SQL of south-china (load-balanced)
    JsonNode lead = api.createLead(ApiClient.lead("PARTNER_REFERRAL", "广东省深圳市",
        "decisionMaker", true,
        "companySize", 900, "budget", 2_000_000, "activities", List.of(
            Map.of("type", "PRICING_PAGE_VIEW"), Map.of("type", "CASE_STUDY_DOWNLOAD"))));
    assertThat(lead.get("owner").asText()).startsWith("ops.");
    JsonNode toPool = api.createLead(ApiClient.lead("OTHER", "新疆"));
    assertThat(toPool.get("pooled").asBoolean()).isTrue();
    Map<String, Object> repeat = ApiClient.lead("PARTNER_REFERRAL", "广东省深圳市",
        "decisionMaker", true, "companySize", 900, "budget", 2_000_000, "activities", List.of(
            Map.of("type", "PRICING_PAGE_VIEW"), Map.of("type", "CASE_STUDY_DOWNLOAD")));
    api.createLead(repeat);
    assertThat(api.post("/api/leads", repeat).getStatusCode().value()).isEqualTo(200);
    api.post("/api/leads", Map.of("source", "API"));
    Job sla = management.createJobQuery()
        .processInstanceId(lead.get("processInstanceId").asText()).timers().list().stream()
        .filter(j -> management.createJobDefinitionQuery().jobDefinitionId(j.getJobDefinitionId())
            .singleResult().getActivityId().equals("Timer_FollowUpSla")).findFirst().orElseThrow();
    management.executeJob(sla.getId());

    assertThat(metric("leadflow_leads_received_total", "source", "PARTNER_REFERRAL"))
        .isEqualTo(received + 2);
    assertThat(metric("leadflow_leads_received_total", "source", "OTHER")).isPositive();
    assertThat(metric("leadflow_intake_seconds_count", "status", "201")).isEqualTo(intakes + 3);
    assertThat(metric("leadflow_intake_seconds_count", "status", "400")).isPositive();
    assertThat(metric("leadflow_leads_assigned_total", "strategy", "LOAD_BALANCED"))
        .isEqualTo(assigned + 2);
    assertThat(metric("leadflow_leads_pooled_total", "reason", "ROUTED_TO_POOL"))
        .isEqualTo(pooled + 1);
    assertThat(metric("leadflow_leads_pooled_total", "reason", "SLA_MISSED")).isPositive();
    assertThat(metric("leadflow_sla_missed_total", null, null)).isEqualTo(missed + 1);
    assertThat(metric("leadflow_leads_duplicates_total", null, null)).isEqualTo(duplicates + 1);
  }

  /** A sample's value in the Prometheus text, 0 when it is not there yet. */
  double metric(String name, String tag, String value) {
    String text = get("/actuator/prometheus", true).getBody();
    Pattern line = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$");
    double sum = 0;
    for (Matcher m = line.matcher(text); m.find(); ) {
      if (tag == null || m.group(1).contains(tag + "=\"" + value + "\"")) {
        sum += Double.parseDouble(m.group(2));
      }
    }
    return sum;
  }

  @Test
  @SuppressWarnings("unchecked")
  void theDockerHealthChecksAskTheReadinessProbe() throws Exception {
    Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker/compose.yaml")));
    Map<String, Object> leadflow = (Map<String, Object>) ((Map<String, Object>) compose
        .get("services")).get("leadflow");
    List<String> test = (List<String>) ((Map<String, Object>) leadflow.get("healthcheck"))
        .get("test");
    assertThat(test.subList(0, 3)).containsExactly("CMD", "curl", "-fsS");
    String url = test.get(test.size() - 1);
    assertThat(url).isEqualTo("http://localhost:8080/actuator/health/readiness");
    String path = url.substring("http://localhost:8080".length());
    // The same request as the check (no login): the readiness answer, which curl -f takes as
    // healthy on 200 only.
    ResponseEntity<String> answer = get(path, false);
    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    assertThat(json(answer).get("status").asText()).isEqualTo("UP");
    assertThat(Files.readString(Path.of("docker/Dockerfile")))
        .contains("CMD curl -fsS -o /dev/null " + url);
  }
}
