package io.leadflow.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.support.ApiClient;
import io.leadflow.support.Teams;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * A restore on PostgreSQL: its one insert into every routed lead's history takes its ids from the
 * sequence Hibernate allocates from in blocks of 50, and neither may hand out an id the other
 * has; leads taken in after the restore get their history lines as before. The restored version
 * is the latest one, so the shared context's routing is unchanged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "pgtest"})
@EnabledIf("io.leadflow.support.Postgres#availableOrCi")
class RulesPostgresTest {

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired RepositoryService repository;
  @Autowired TeamDirectory directory;
  @Autowired IdentityService identity;

  @Test
  void aRestoreNotesEveryRoutedLeadInOneInsertAndLaterLeadsKeepWriting() {
    Teams.exactly(directory, identity, "east-china", "pg.rules.a");
    for (String team : List.of("strategic", "south-china", "manufacturing", "mfg-mes")) {
      directory.ensureTeam(team, team); // the restored table names them: checked again
    }
    ApiClient admin = ApiClient.admin(rest);
    JsonNode before = admin.createLead(shanghai());
    int latest = repository.createDecisionDefinitionQuery().decisionDefinitionKey("LeadRouting")
        .latestVersion().singleResult().getVersion();
    String definition = repository.createDecisionDefinitionQuery()
        .decisionDefinitionKey("LeadRouting").decisionDefinitionVersion(latest).singleResult()
        .getId();
    long routed = jdbc.queryForObject("select count(*) from leads where routing_decision_id = ?",
        Long.class, definition);

    ResponseEntity<JsonNode> restored = admin.post("/api/rules/LeadRouting/versions/" + latest
        + "/restore", null);

    assertThat(restored.getStatusCode().value()).as("%s", restored.getBody()).isEqualTo(200);
    assertThat(restored.getBody().get("leadsNoted").asLong()).isEqualTo(routed);
    assertThat(jdbc.queryForObject("select count(*) from lead_history where event ="
        + " 'DECISION_RESTORED' and reason like ?", Long.class,
        "LeadRouting v" + latest + " restored as v" + (latest + 1) + "%")).isEqualTo(routed);
    // Each lead writes history lines with Hibernate's ids (the primary key refuses a repeat):
    // more than one of its blocks of 50.
    for (int i = 0; i < 60; i++) {
      JsonNode after = admin.createLead(shanghai());
      assertThat(after.get("routing").get("routingDecisionVersion").asInt())
          .isEqualTo(latest + 1);
    }
    JsonNode history = admin.get("/api/leads/" + before.get("id").asText()).getBody()
        .get("history");
    assertThat(history).anySatisfy(line ->
        assertThat(line.get("event").asText()).isEqualTo("DECISION_RESTORED"));
  }

  static Map<String, Object> shanghai() {
    return ApiClient.lead("PARTNER_REFERRAL", "上海市浦东新区", "company", "上海精密",
        "industry", "金融", "companySize", 800, "budget", 2_000_000, "decisionMaker", true,
        "activities", List.of(Map.of("type", "PRICING_PAGE_VIEW")));
  }
}
