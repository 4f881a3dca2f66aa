package io.leadflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.support.ApiClient;
import io.leadflow.support.SampleLeads;
import io.leadflow.support.Teams;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;

/** Integration keys: admins issue and revoke them; a key posts leads and nothing else. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ApiKeyApiTest {

  @Autowired TestRestTemplate rest;
  @Autowired TeamDirectory directory;
  @Autowired IdentityService identity;

  @BeforeEach
  void team() {
    Teams.exactly(directory, identity, "east-china", "key.rep");
  }

  @Test
  void anAdminIssuesAKeyThatPostsLeadsIsListedWithoutItsSecretAndStopsWorkingWhenRevoked() {
    String name = "web-form-" + UUID.randomUUID().toString().substring(0, 8);
    ApiClient admin = ApiClient.admin(rest);
    var created = admin.post("/api/api-keys", Map.of("name", name));
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String key = created.getBody().get("key").asText();
    assertThat(key).startsWith("lf_").hasSizeGreaterThan(40);

    ApiClient integration = ApiClient.withKey(rest, key);
    assertThat(integration.post("/api/leads", SampleLeads.eastChina()).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    assertThat(integration.get("/api/leads").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(integration.get("/api/api-keys").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    JsonNode listed = StreamSupport.stream(admin.get("/api/api-keys").getBody().spliterator(), false)
        .filter(k -> k.get("name").asText().equals(name)).findFirst().orElseThrow();
    assertThat(listed.get("revokedAt").isNull()).isTrue();
    assertThat(listed.toString()).doesNotContain(key).doesNotContain("hash");

    assertThat(admin.exchange(HttpMethod.DELETE, "/api/api-keys/" + name, null).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(integration.post("/api/leads", SampleLeads.eastChina()).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    // The name stays taken, so a revoked key's name cannot be reused by mistake.
    assertThat(admin.post("/api/api-keys", Map.of("name", name)).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
  }

  @Test
  void badNamesAreRefusedNamingTheFieldAndUnknownKeysAre404() {
    ApiClient admin = ApiClient.admin(rest);
    var bad = admin.post("/api/api-keys", Map.of("name", "has spaces/and slash"));
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody().get("errors").get(0).get("field").asText()).isEqualTo("name");
    assertThat(admin.post("/api/api-keys", Map.of()).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(admin.exchange(HttpMethod.DELETE, "/api/api-keys/no-such-key", null)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void nobodyButAdminsManagesKeys() {
    ApiClient rep = ApiClient.as(rest, "key.rep", Teams.PASSWORD);
    assertThat(rep.post("/api/api-keys", Map.of("name", "mine")).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rep.get("/api/api-keys").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rep.exchange(HttpMethod.DELETE, "/api/api-keys/demo", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(ApiClient.anonymous(rest).get("/api/api-keys").getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }
}
