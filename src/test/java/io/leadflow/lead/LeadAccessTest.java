package io.leadflow.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.identity.Roles;
import io.leadflow.support.ApiClient;
import io.leadflow.support.SampleLeads;
import io.leadflow.support.Teams;
import io.leadflow.system.Caller;
import java.util.List;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;

/** Who reads which leads through the API: each role its own, and nothing more. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class LeadAccessTest {

  static final String[] EAST = {"acc.e1", "acc.e2"};

  @Autowired TestRestTemplate rest;
  @Autowired TeamDirectory directory;
  @Autowired IdentityService identity;
  @Autowired Roles roles;

  @BeforeEach
  void people() {
    Teams.exactly(directory, identity, "east-china", EAST);
    Teams.exactly(directory, identity, "south-china", "acc.s1");
    directory.ensureManager("acc.boss.east", "East", "Boss", null, Teams.PASSWORD, "east-china");
    directory.ensureManager("acc.boss.south", "South", "Boss", null, Teams.PASSWORD,
        "south-china");
    directory.ensureGroup(Caller.ANALYSTS, "Analysts", "WORKFLOW");
    directory.ensureUser("acc.analyst", "Ana", "Lyst", null, Teams.PASSWORD);
    directory.ensureMember("acc.analyst", Caller.ANALYSTS);
  }

  ApiClient as(String user) {
    return ApiClient.as(rest, user, Teams.PASSWORD);
  }

  JsonNode eastLead() {
    return ApiClient.admin(rest).createLead(SampleLeads.eastChina());
  }

  static List<Long> ids(JsonNode page) {
    return StreamSupport.stream(page.get("content").spliterator(), false)
        .map(l -> l.get("id").asLong()).toList();
  }

  @Test
  void aRepReadsTheLeadsTheyOwnAndNotAnotherRepsLeads() {
    JsonNode first = eastLead();
    JsonNode second = eastLead();
    String owner = first.get("owner").asText();
    String other = second.get("owner").asText();
    assertThat(owner).isNotEqualTo(other); // round-robin between the two

    assertThat(as(owner).get("/api/leads/" + first.get("id")).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    var refused = as(owner).get("/api/leads/" + second.get("id"));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(refused.getBody().get("detail").asText()).contains("not yours");

    List<Long> listed = ids(as(owner).get("/api/leads?size=200").getBody());
    assertThat(listed).contains(first.get("id").asLong())
        .doesNotContain(second.get("id").asLong());
    // Asking for another rep's leads by name gives nothing, not their leads.
    assertThat(ids(as(owner).get("/api/leads?size=200&owner=" + other).getBody())).isEmpty();
  }

  @Test
  void aManagerReadsEveryLeadOfTheirTeamAndNoOtherTeams() {
    JsonNode lead = eastLead();
    assertThat(as("acc.boss.east").get("/api/leads/" + lead.get("id")).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(ids(as("acc.boss.east").get("/api/leads?team=east-china&size=200").getBody()))
        .contains(lead.get("id").asLong());

    assertThat(as("acc.boss.south").get("/api/leads/" + lead.get("id")).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(ids(as("acc.boss.south").get("/api/leads?size=200").getBody()))
        .doesNotContain(lead.get("id").asLong());
  }

  @Test
  void analystsAndAdminsReadEveryLead() {
    JsonNode lead = eastLead();
    assertThat(as("acc.analyst").get("/api/leads/" + lead.get("id")).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(ids(ApiClient.admin(rest).get("/api/leads?size=200").getBody()))
        .contains(lead.get("id").asLong());
  }

  @Test
  void aPooledLeadIsVisibleToTheRepsOfItsTeamOnly() {
    for (String rep : EAST) {
      directory.save(directory.profile(rep).setMaxOpenLeads(0));
    }
    JsonNode pooled = eastLead();
    assertThat(pooled.get("pooled").asBoolean()).isTrue();

    assertThat(as("acc.e1").get("/api/leads/" + pooled.get("id")).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(as("acc.s1").get("/api/leads/" + pooled.get("id")).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void staffSeeNoPoolTheyAreNoReps() {
    directory.ensureGroup(Caller.STAFF, "Staff", "WORKFLOW");
    directory.ensureUser("acc.staff", "Sta", "Ff", null, Teams.PASSWORD);
    directory.ensureMember("acc.staff", Caller.STAFF);
    JsonNode pooled = ApiClient.admin(rest).createLead(ApiClient.lead("API", "西藏自治区拉萨市"));
    assertThat(pooled.get("team").asText()).as("the general pool").isEqualTo("pool");

    assertThat(ids(as("acc.e1").get("/api/pool?size=200").getBody()))
        .contains(pooled.get("id").asLong());
    var staff = as("acc.staff").get("/api/pool?size=200");
    assertThat(staff.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(ids(staff.getBody())).isEmpty();
  }
}
