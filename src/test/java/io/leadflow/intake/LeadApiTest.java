package io.leadflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.identity.ApiKeys;
import io.leadflow.support.ApiClient;
import io.leadflow.support.Teams;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** The intake API over HTTP: validation, normalisation, de-duplication and authentication. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class LeadApiTest {

  static final String API_KEY = "test-integration-key-0123456789";

  @Autowired TestRestTemplate rest;
  @Autowired TeamDirectory directory;
  @Autowired IdentityService identity;
  @Autowired JdbcTemplate jdbc;
  @Autowired ApiKeys apiKeys;

  ApiClient api;

  @BeforeEach
  void setUp() {
    Teams.exactly(directory, identity, "south-china", "south.a", "south.b");
    apiKeys.ensure("test-integration", API_KEY);
    api = ApiClient.as(rest, "south.a", Teams.PASSWORD);
  }

  static List<String> fields(ResponseEntity<JsonNode> response) {
    return StreamSupport.stream(response.getBody().get("errors").spliterator(), false)
        .map(e -> e.get("field").asText()).toList();
  }

  @Test
  void refusesBadFieldsWithA400NamingEachFieldAndCreatesNothing() {
    long before = leadRows();
    ResponseEntity<JsonNode> response = api.post("/api/leads", Map.of(
        "source", "API", "email", "not-an-email", "phone", "12", "companySize", -5,
        "budget", -1, "name", "x".repeat(201)));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(fields(response)).containsExactlyInAnyOrder(
        "budget", "companySize", "email", "name", "phone");
    assertThat(response.getBody().toString()).doesNotContain("Exception").doesNotContain("at io.");
    assertThat(leadRows()).isEqualTo(before);
  }

  @Test
  void refusesUnknownCodesNamingTheField() {
    ResponseEntity<JsonNode> source = api.post("/api/leads", Map.of("source", "FAX",
        "email", "a@b.cn"));
    assertThat(source.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(fields(source)).containsExactly("source");
    assertThat(source.getBody().get("errors").get(0).get("message").asText())
        .contains("WEBSITE_FORM");

    ResponseEntity<JsonNode> activity = api.post("/api/leads", Map.of("source", "API",
        "email", "a@b.cn", "activities", List.of(Map.of("type", "LIKED_A_POST"))));
    assertThat(activity.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(fields(activity)).containsExactly("activities[0].type");
  }

  @Test
  void answersEveryBadFieldInOneResponseAnUnknownCodeAndAWrongTypeIncluded() {
    long before = leadRows();
    Map<String, Object> body = new java.util.HashMap<>(Map.of("source", "FAX",
        "email", "not-an-email", "phone", "12", "companySize", "many", "budget", -1,
        "decisionMaker", "perhaps", "tags", List.of("ok", ""),
        "attributes", Map.of("utm", Map.of("nested", true))));
    body.put("activities", List.of(Map.of("type", "LIKED_A_POST"),
        Map.of("type", "WEBSITE_VISIT", "at", "yesterday")));
    ResponseEntity<JsonNode> response = api.post("/api/leads", body);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(fields(response)).containsExactly("activities[0].type", "activities[1].at",
        "attributes.utm", "budget", "companySize", "decisionMaker", "email", "phone", "source",
        "tags[1]");
    JsonNode errors = response.getBody().get("errors");
    assertThat(errors.get(8).get("message").asText()).startsWith("must be one of [WEBSITE_FORM");
    assertThat(errors.get(4).get("message").asText()).isEqualTo("must be a whole number");
    assertThat(errors.get(1).get("message").asText())
        .isEqualTo("must be an ISO-8601 timestamp such as 2026-11-23T09:30:00Z");
    assertThat(leadRows()).isEqualTo(before);
  }

  @Test
  void otherEndpointsNameEveryBadFieldToo() {
    JsonNode lead = api.createLead(ApiClient.lead("API", "广东省深圳市"));
    ResponseEntity<JsonNode> response = api.post("/api/leads/" + lead.get("id") + "/activities",
        Map.of("activities", List.of(Map.of("type", "NOPE"), Map.of("type", "WEBSITE_VISIT"),
            Map.of("type", "ALSO_NOPE"))));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(fields(response)).containsExactly("activities[0].type", "activities[2].type");

    ResponseEntity<JsonNode> close = api.post("/api/leads/" + lead.get("id") + "/close",
        Map.of("result", "MAYBE", "amount", "a lot", "reason", "BORED"));
    assertThat(close.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(fields(close)).containsExactly("amount", "reason", "result");
  }

  @Test
  void requiresEmailOrPhoneAndASource() {
    ResponseEntity<JsonNode> response = api.post("/api/leads", Map.of("name", "无联系方式"));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(fields(response)).contains("source", "email", "phone");
  }

  @Test
  void malformedJsonIsA400() {
    ResponseEntity<JsonNode> response = api.postRaw("/api/leads", "{\"source\": \"API\", ");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().get("detail").asText()).contains("not valid JSON");

    ResponseEntity<JsonNode> wrongType = api.postRaw("/api/leads",
        "{\"source\": \"API\", \"email\": \"a@b.cn\", \"companySize\": \"many\"}");
    assertThat(wrongType.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(fields(wrongType)).containsExactly("companySize");
  }

  @Test
  void normalisesPhoneToE164AndEmailToLowerCase() {
    String phone = "139 " + (1000 + (int) (Math.random() * 8999)) + " " + (1000 + (int) (Math.random() * 8999));
    JsonNode lead = api.post("/api/leads", Map.of("source", "WEBSITE_FORM",
        "email", "  Mixed.Case." + System.nanoTime() + "@Example.COM ", "phone", phone,
        "region", "广东省深圳市")).getBody();
    JsonNode details = ApiClient.admin(rest).get("/api/leads/" + lead.get("id").asText()).getBody();
    assertThat(details.get("phone").asText()).isEqualTo("+86" + phone.replace(" ", ""));
    assertThat(details.get("email").asText()).startsWith("mixed.case.").endsWith("@example.com");
  }

  @Test
  void aRepeatedExternalIdReturnsTheSameLeadWith200() {
    Map<String, Object> body = ApiClient.lead("PARTNER_REFERRAL", "福建省厦门市",
        "externalId", "crm-" + System.nanoTime());
    ResponseEntity<JsonNode> first = api.post("/api/leads", body);
    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ResponseEntity<JsonNode> again = api.post("/api/leads", body);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(again.getBody().get("id").asLong()).isEqualTo(first.getBody().get("id").asLong());
    assertThat(again.getBody().get("duplicate").asBoolean()).isTrue();
    assertThat(again.getBody().get("matchedBy").asText()).isEqualTo("externalId");
  }

  @Test
  void theSamePersonByPhoneIsMergedIntoTheOpenLeadWithItsActivities() {
    String mobile = "1380013" + (1000 + (int) (Math.random() * 8999));
    ResponseEntity<JsonNode> first = api.post("/api/leads", Map.of("source", "WEBSITE_FORM",
        "phone", mobile, "region", "广东省广州市"));
    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    long count = leadRows();

    ResponseEntity<JsonNode> second = api.post("/api/leads", Map.of("source", "WEBINAR",
        "phone", "+86 " + mobile.substring(0, 3) + "-" + mobile.substring(3, 7) + "-"
            + mobile.substring(7),
        "activities", List.of(Map.of("type", "WEBINAR_ATTENDED"))));
    assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(second.getBody().get("id").asLong()).isEqualTo(first.getBody().get("id").asLong());
    assertThat(second.getBody().get("matchedBy").asText()).isEqualTo("contact");
    assertThat(second.getBody().get("owner").asText())
        .isEqualTo(first.getBody().get("owner").asText());
    assertThat(leadRows()).isEqualTo(count);

    JsonNode details = ApiClient.admin(rest).get("/api/leads/" + first.getBody().get("id").asText()).getBody();
    assertThat(details.get("duplicateCount").asInt()).isEqualTo(1);
    assertThat(details.get("activities").get(0).get("type").asText()).isEqualTo("WEBINAR_ATTENDED");
    assertThat(StreamSupport.stream(details.get("history").spliterator(), false)
        .map(h -> h.get("event").asText())).contains("DUPLICATE_MERGED");
  }

  @Test
  void everyApiCallNeedsAuthentication() {
    ApiClient nobody = ApiClient.anonymous(rest);
    assertThat(nobody.post("/api/leads", ApiClient.lead("API", "上海")).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(nobody.get("/api/leads").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(nobody.get("/api/pool").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    // A user of its own: after a failed login Camunda locks the user for a few seconds.
    directory.ensureUser("wrong.password", "W", "P", null, Teams.PASSWORD);
    assertThat(ApiClient.as(rest, "wrong.password", "wrong").get("/api/leads").getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(ApiClient.as(rest, "no.such.user", "x").get("/api/leads").getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(ApiClient.withKey(rest, "not-a-key-at-all-123").post("/api/leads",
        ApiClient.lead("API", "上海")).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void anApiKeyMayPostLeadsButNotReadThem() {
    ApiClient integration = ApiClient.withKey(rest, API_KEY);
    ResponseEntity<JsonNode> created = integration.post("/api/leads",
        ApiClient.lead("API", "广东省深圳市"));
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(integration.get("/api/leads/" + created.getBody().get("id").asText())
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(integration.get("/api/pool").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void listsLeadsByTeamOwnerAndStagePaged() {
    JsonNode lead = api.post("/api/leads", ApiClient.lead("PARTNER_REFERRAL", "广东省深圳市",
        "decisionMaker", true, "companySize", 900, "budget", 2_000_000, "activities", List.of(
            Map.of("type", "PRICING_PAGE_VIEW"), Map.of("type", "CASE_STUDY_DOWNLOAD"))))
        .getBody(); // 20 + 15 + 10 + 10 + 10 + 5 = 70
    assertThat(lead.get("team").asText()).isEqualTo("south-china");
    String owner = lead.get("owner").asText();
    JsonNode page = api.get("/api/leads?team=south-china&owner=" + owner + "&stage=SQL&size=200")
        .getBody();
    assertThat(StreamSupport.stream(page.get("content").spliterator(), false)
        .map(l -> l.get("id").asLong())).contains(lead.get("id").asLong());
    assertThat(StreamSupport.stream(page.get("content").spliterator(), false))
        .allMatch(l -> l.get("owner").asText().equals(owner)
            && l.get("team").asText().equals("south-china"));
    assertThat(page.get("page").get("size").asInt()).isEqualTo(200);
    assertThat(api.get("/api/leads?stage=NOPE").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ApiClient.admin(rest).get("/api/leads/999999999").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  private long leadRows() {
    return jdbc.queryForObject("select count(*) from leads", Long.class);
  }
}
