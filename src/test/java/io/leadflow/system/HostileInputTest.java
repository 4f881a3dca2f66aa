package io.leadflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.support.ApiClient;
import io.leadflow.support.Teams;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The hostile requests the issue found answered 500, each answered now as a client's mistake:
 * a 400 naming the field (or parameter) and the problem, a 415 for a body that is not JSON, and
 * nothing written. ApiFuzzTest throws generated ones at every endpoint; these are the named cases.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HostileInputTest {

  @Autowired TestRestTemplate rest;
  @Autowired TeamDirectory directory;
  @Autowired IdentityService identity;
  @Autowired JdbcTemplate jdbc;

  ApiClient api;

  @BeforeEach
  void setUp() {
    Teams.exactly(directory, identity, "south-china", "hostile.a", "hostile.b");
    api = ApiClient.admin(rest);
  }

  static List<String> fields(ResponseEntity<JsonNode> response) {
    return StreamSupport.stream(response.getBody().get("errors").spliterator(), false)
        .map(e -> e.get("field").asText() + ": " + e.get("message").asText()).toList();
  }

  long leads() {
    return jdbc.queryForObject("select count(*) from leads", Long.class);
  }

  @Test
  void aNulOrAnotherControlCharacterInAnyTextIsA400NamingTheField() {
    long before = leads();
    ResponseEntity<JsonNode> response = api.post("/api/leads", Map.of("source", "API",
        "email", "nul@hostile.example", "name", "a\u0000b", "company", "x\u0007y",
        "tags", List.of("ok", "t\u001b"), "attributes", Map.of("k\u0000", "v", "utm", "a\u0000")));
    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat(fields(response)).containsExactly(
        "attributes: must not contain control characters (U+0000)",
        "attributes.utm: must not contain control characters (U+0000)",
        "company: must not contain control characters (U+0007)",
        "name: must not contain control characters (U+0000)",
        "tags[1]: must not contain control characters (U+001B)");
    assertThat(leads()).isEqualTo(before);

    JsonNode lead = api.createLead(ApiClient.lead("API", "广东省深圳市"));
    ResponseEntity<JsonNode> contact = api.post("/api/leads/" + lead.get("id") + "/contacts",
        Map.of("channel", "CALL", "notes", "line one\nline two\u0000"));
    assertThat(fields(contact)).containsExactly("notes: must not contain control characters"
        + " (U+0000)");
  }

  @Test
  void aNulInAQueryParameterIsA400NamingIt() {
    for (String path : List.of("/api/leads?team=%00", "/api/reps?team=a%00b")) {
      HttpHeaders headers = new HttpHeaders();
      headers.setBasicAuth("admin", "admin-test-password");
      // As a URI: sent as it is, the %00 not encoded once more.
      ResponseEntity<JsonNode> response = rest.exchange(RequestEntity
          .get(URI.create(rest.getRootUri() + path)).headers(headers).build(), JsonNode.class);
      assertThat(response.getStatusCode().value()).as(path).isEqualTo(400);
      assertThat(fields(response)).singleElement().asString().startsWith("team: must not");
    }
  }

  @Test
  void fiftyTagsOfAHundredCharactersFitAndASecondFiftyIsA400() {
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      tags.add(String.format("%02d", i) + "标".repeat(48) + "\"\\".repeat(25));
    }
    JsonNode lead = api.createLead(ApiClient.lead("API", "广东省深圳市", "tags", tags));
    JsonNode stored = api.get("/api/leads/" + lead.get("id")).getBody();
    assertThat(StreamSupport.stream(stored.get("tags").spliterator(), false)
        .map(JsonNode::asText).toList()).isEqualTo(tags);

    ResponseEntity<JsonNode> more = api.post("/api/leads/" + lead.get("id") + "/tags",
        Map.of("tags", List.of("one more")));
    assertThat(more.getStatusCode().value()).isEqualTo(400);
    assertThat(fields(more)).containsExactly("tags: a lead has at most 50 tags; this one has 50");
  }

  @Test
  void timesFarInThePastOrFutureAreA400NamingTheField() {
    for (String at : List.of("-999999999-01-01T00:00:00Z", "+300000-01-01T00:00:00Z",
        "-4714-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2100-01-01T00:00:00Z")) {
      ResponseEntity<JsonNode> response = api.post("/api/leads", Map.of("source", "API",
          "email", "far@hostile.example", "activities", List.of(Map.of("type", "WEBSITE_VISIT",
              "at", at))));
      assertThat(response.getStatusCode().value()).as(at).isEqualTo(400);
      assertThat(fields(response)).as(at).containsExactly("activities[0].at: must be between"
          + " 1970-01-01T00:00:00Z and 2100-01-01T00:00:00Z");
    }
    ResponseEntity<JsonNode> rep = api.put("/api/reps/hostile.a",
        Map.of("outOfOfficeFrom", "+300000-01-01T00:00:00Z"));
    assertThat(rep.getStatusCode().value()).isEqualTo(400);
    assertThat(fields(rep)).singleElement().asString().startsWith("outOfOfficeFrom: must be");
  }

  @Test
  void aBodyThatIsNotJsonByItsContentTypeIsA415() {
    for (String type : List.of("multipart/form-data; boundary=x", "*/*", "text/plain",
        "application/x-www-form-urlencoded")) {
      HttpHeaders headers = new HttpHeaders();
      headers.setBasicAuth("admin", "admin-test-password");
      headers.set(HttpHeaders.CONTENT_TYPE, type);
      ResponseEntity<JsonNode> response = rest.exchange("/api/leads", HttpMethod.POST,
          new HttpEntity<>("{\"source\":\"API\",\"email\":\"a@b.cn\"}", headers), JsonNode.class);
      assertThat(response.getStatusCode().value()).as(type).isEqualTo(415);
      assertThat(response.getHeaders().getContentType().toString()).as(type)
          .startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    }
  }

  @Test
  void aBodyOfTheWrongShapeToAnyWriteEndpointIsA400() {
    JsonNode lead = api.createLead(ApiClient.lead("API", "广东省深圳市"));
    String id = lead.get("id").asText();
    for (String path : List.of("/api/leads/" + id + "/activities", "/api/leads/" + id
        + "/contacts", "/api/leads/" + id + "/tags", "/api/leads/" + id + "/close", "/api/leads/"
        + id + "/reassign", "/api/api-keys")) {
      for (String body : List.of("[]", "\"x\"", "1", "{\"a\":", "[[[[[[]]]]]]")) {
        assertThat(api.postRaw(path, body).getStatusCode().value()).as(path + " " + body)
            .isEqualTo(400);
      }
    }
    for (String path : List.of("/api/reps/hostile.a", "/api/teams/south-china")) {
      assertThat(api.exchange(HttpMethod.PUT, path, "[]").getStatusCode().value()).as(path)
          .isEqualTo(400);
    }
  }
}
