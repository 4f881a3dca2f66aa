package io.leadflow.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Uploads files to /api/imports as a user (HTTP Basic) or with an API key, and waits for them. */
record ImportClient(TestRestTemplate rest, String user, String password, String apiKey) {

  static ImportClient as(TestRestTemplate rest, String user, String password) {
    return new ImportClient(rest, user, password, null);
  }

  static ImportClient withKey(TestRestTemplate rest, String key) {
    return new ImportClient(rest, null, null, key);
  }

  HttpHeaders headers() {
    HttpHeaders headers = new HttpHeaders();
    if (user != null) {
      headers.setBasicAuth(user, password);
    }
    if (apiKey != null) {
      headers.set("X-API-Key", apiKey);
    }
    return headers;
  }

  /** A multipart POST of the file (named so) with these form fields. */
  ResponseEntity<JsonNode> post(String path, String fileName, byte[] file, Map<String, String> fields) {
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    if (file != null) {
      form.add("file", new ByteArrayResource(file) {
        @Override
        public String getFilename() {
          return fileName;
        }
      });
    }
    fields.forEach(form::add);
    HttpHeaders headers = headers();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(form, headers), JsonNode.class);
  }

  ResponseEntity<JsonNode> upload(String fileName, byte[] file, Map<String, String> fields) {
    return post("/api/imports", fileName, file, fields);
  }

  ResponseEntity<JsonNode> preview(String fileName, byte[] file, Map<String, String> fields) {
    return post("/api/imports/preview", fileName, file, fields);
  }

  ResponseEntity<JsonNode> get(String path) {
    return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers()), JsonNode.class);
  }

  ResponseEntity<byte[]> download(String path) {
    return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers()), byte[].class);
  }

  /** Uploads and expects 202: the new import's id. */
  long start(String fileName, byte[] file, Map<String, String> fields) {
    ResponseEntity<JsonNode> response = upload(fileName, file, fields);
    assertThat(response.getStatusCode().value()).as("upload: %s", response.getBody())
        .isEqualTo(202);
    return response.getBody().get("id").asLong();
  }

  /** The import once it has ended (DONE, CANCELLED, FAILED), within the time given. */
  JsonNode awaitEnd(long id, Duration within) {
    Instant until = Instant.now().plus(within);
    while (true) {
      JsonNode job = get("/api/imports/" + id).getBody();
      String status = job.get("status").asText();
      if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
        return job;
      }
      assertThat(Instant.now()).as("import %s still %s: %s", id, status, job).isBefore(until);
      pause(200);
    }
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
