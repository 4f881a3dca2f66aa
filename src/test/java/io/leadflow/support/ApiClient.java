package io.leadflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Calls LeadFlow's HTTP API as a given user (HTTP Basic) or with an API key. */
public record ApiClient(TestRestTemplate rest, String user, String password, String apiKey) {

  public static ApiClient as(TestRestTemplate rest, String user, String password) {
    return new ApiClient(rest, user, password, null);
  }

  /** The test profile's first admin (application-test.yaml): sees every lead. */
  public static ApiClient admin(TestRestTemplate rest) {
    return as(rest, "admin", "admin-test-password");
  }

  public static ApiClient withKey(TestRestTemplate rest, String apiKey) {
    return new ApiClient(rest, null, null, apiKey);
  }

  public static ApiClient anonymous(TestRestTemplate rest) {
    return new ApiClient(rest, null, null, null);
  }

  public ResponseEntity<JsonNode> post(String path, Object body) {
    return exchange(HttpMethod.POST, path, body);
  }

  /** POST /api/leads, which must create the lead (201): its body. */
  public JsonNode createLead(Object body) {
    ResponseEntity<JsonNode> response = post("/api/leads", body);
    org.assertj.core.api.Assertions.assertThat(response.getStatusCode())
        .as("POST /api/leads: %s", response.getBody()).isEqualTo(HttpStatus.CREATED);
    return response.getBody();
  }

  public ResponseEntity<JsonNode> postRaw(String path, String json) {
    return exchange(HttpMethod.POST, path, json);
  }

  public ResponseEntity<JsonNode> put(String path, Object body) {
    return exchange(HttpMethod.PUT, path, body);
  }

  public ResponseEntity<JsonNode> get(String path) {
    return exchange(HttpMethod.GET, path, null);
  }

  public ResponseEntity<JsonNode> exchange(HttpMethod method, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (user != null) {
      headers.setBasicAuth(user, password);
    }
    if (apiKey != null) {
      headers.set("X-API-Key", apiKey);
    }
    return rest.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
  }

  /** A lead body with a unique e-mail address. */
  public static Map<String, Object> lead(String source, String region, Object... more) {
    java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("source", source);
    body.put("name", "测试 " + java.util.UUID.randomUUID().toString().substring(0, 6));
    body.put("email", java.util.UUID.randomUUID() + "@test.example");
    body.put("region", region);
    for (int i = 0; i + 1 < more.length; i += 2) {
      body.put((String) more[i], more[i + 1]);
    }
    return body;
  }
}
