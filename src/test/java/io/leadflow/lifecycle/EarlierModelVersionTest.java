package io.leadflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.support.ApiClient;
import io.leadflow.support.SampleLeads;
import io.leadflow.support.Teams;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * Leads still running on the first version of LeadLifecycle (deployed before the whole lifecycle;
 * src/test/resources/legacy/LeadLifecycle-v1.bpmn) keep working after an upgrade: their follow-up
 * still qualifies or closes them, and what their model cannot take is a clear 409.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class EarlierModelVersionTest {

  @Autowired TestRestTemplate rest;
  @Autowired RepositoryService repository;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired TeamDirectory directory;

  @Test
  void aLeadOnTheFirstModelIsQualifiedOrClosedByItsFollowUp() {
    Teams.exactly(directory, identity, "east-china", "legacy.a");
    ApiClient admin = ApiClient.admin(rest);
    // The first version becomes the latest for the length of this test: new leads start on it.
    Deployment v1 = repository.createDeployment().name("LeadLifecycle v1 (test)")
        .addClasspathResource("legacy/LeadLifecycle-v1.bpmn").deploy();
    try {
      JsonNode qualified = admin.post("/api/leads", SampleLeads.eastChina()).getBody();
      JsonNode lost = admin.post("/api/leads", SampleLeads.eastChina()).getBody();
      assertThat(repository.createProcessDefinitionQuery().deploymentId(v1.getId()).singleResult()
          .getId()).isEqualTo(tasks.createTaskQuery()
          .processInstanceId(qualified.get("processInstanceId").asText()).singleResult()
          .getProcessDefinitionId());

      ResponseEntity<JsonNode> activity = admin.post("/api/leads/"
          + qualified.get("id").asText() + "/activities",
          Map.of("activities", List.of(Map.of("type", "WEBSITE_VISIT"))));
      assertThat(activity.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
      assertThat(activity.getBody().get("detail").asText()).contains("earlier version");

      complete(qualified, Map.of("outcome", "qualified", "contactChannel", "CALL"));
      complete(lost, Map.of("outcome", "disqualified", "lostReason", "NO_BUDGET"));

      JsonNode opportunity = admin.get("/api/leads/" + qualified.get("id").asText()).getBody();
      assertThat(opportunity.get("stage").asText()).isEqualTo("OPPORTUNITY");
      assertThat(opportunity.get("journey").get("firstContactAt").isNull()).isFalse();
      JsonNode closed = admin.get("/api/leads/" + lost.get("id").asText()).getBody();
      assertThat(closed.get("stage").asText()).isEqualTo("LOST");
      assertThat(closed.get("journey").get("lostReason").asText()).isEqualTo("NO_BUDGET");
    } finally {
      repository.deleteDeployment(v1.getId(), true);
    }
  }

  void complete(JsonNode lead, Map<String, Object> variables) {
    Task task = tasks.createTaskQuery().processInstanceId(lead.get("processInstanceId").asText())
        .taskDefinitionKey("Task_FollowUp").singleResult();
    tasks.complete(task.getId(), variables);
  }
}
