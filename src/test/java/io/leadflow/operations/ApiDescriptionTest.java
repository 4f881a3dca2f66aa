package io.leadflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI description is served at /api/openapi.json to logged-in users, lists every
 * endpoint of /api (as the application maps them, read from Spring MVC, not from a list kept by
 * hand) and gives each its error bodies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ApiDescriptionTest {

  @Autowired TestRestTemplate rest;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

  ResponseEntity<String> get(String path, boolean asAdmin) {
    HttpHeaders headers = new HttpHeaders();
    if (asAdmin) {
      headers.setBasicAuth("admin", "admin-test-password");
    }
    return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }

  @Test
  void isServedToUsersOnly() {
    assertThat(get("/api/openapi.json", false).getStatusCode().value()).isEqualTo(401);
    assertThat(get("/v3/api-docs", true).getStatusCode().value()).isNotEqualTo(200);
    assertThat(get("/api/openapi.json", true).getStatusCode().value()).isEqualTo(200);
    assertThat(get("/api/openapi.json.yaml", true).getBody()).contains("openapi: 3");
  }

  @Test
  void listsEveryEndpointOfTheApiWithItsErrorBodies() throws Exception {
    String description = get("/api/openapi.json", true).getBody();
    java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/test-artifacts"));
    java.nio.file.Files.writeString(java.nio.file.Path.of("target/test-artifacts/openapi.json"),
        description);
    JsonNode api = new ObjectMapper().readTree(description);
    Set<String> mapped = new TreeSet<>();
    mappings.getHandlerMethods().forEach((info, method) -> {
      if (method.getBeanType().getPackageName().startsWith("io.leadflow")) {
        for (String path : info.getPatternValues()) {
          if (path.startsWith("/api/")) {
            info.getMethodsCondition().getMethods().forEach(m -> mapped.add(m + " " + path));
          }
        }
      }
    });
    Set<String> described = new TreeSet<>();
    api.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
        .forEachRemaining(method -> described.add(method.toUpperCase() + " " + path.getKey())));

    assertThat(mapped).hasSizeGreaterThanOrEqualTo(19).contains("POST /api/leads",
        "PUT /api/reps/{userId}", "POST /api/leads/{id}/close", "DELETE /api/api-keys/{name}");
    assertThat(described).containsExactlyInAnyOrderElementsOf(mapped);
    assertThat(api.at("/components/schemas/Problem/properties/errors/type").asText())
        .isEqualTo("array");
    api.get("paths").forEach(path -> path.forEach(operation -> {
      JsonNode responses = operation.get("responses");
      assertThat(responses.has("400") && responses.has("401") && responses.has("503")).isTrue();
      assertThat(responses.at("/400/content/application~1problem+json/schema/$ref").asText())
          .isEqualTo("#/components/schemas/Problem");
      assertThat(responses.at("/503/headers/Retry-After").isMissingNode()).isFalse();
    }));
  }
}
