package io.leadflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.support.ApiClient;
import io.leadflow.support.AppSession;
import io.leadflow.support.SampleLeads;
import io.leadflow.support.Teams;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;

/**
 * LeadFlow's own pages (/app): a login against Camunda's users kept in a session, which the
 * pages' calls to /api ride on; a change through the session needs its CSRF token, a call with
 * its own credentials does not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AppLoginTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired TestRestTemplate rest;
  @Autowired TeamDirectory directory;
  @Autowired IdentityService identity;

  @BeforeEach
  void team() {
    Teams.exactly(directory, identity, "east-china", "app.rep", "app.wrong");
  }

  @Test
  void thePagesAskForALoginFirstAndTheLoginPageIsOpen() {
    AppSession browser = new AppSession(port);
    HttpResponse<String> home = browser.get("/app/");
    assertThat(home.statusCode()).isEqualTo(302);
    assertThat(home.headers().firstValue("Location").orElseThrow()).endsWith("/app/login.html");

    HttpResponse<String> login = browser.get("/app/login.html");
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body()).contains("id=\"login\"");
    assertThat(browser.csrfToken()).as("the CSRF cookie comes with the login page").isNotBlank();
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  void aLoginNeedsTheCsrfTokenAndTheRightPassword() {
    AppSession browser = new AppSession(port);
    browser.get("/app/login.html");
    assertThat(browser.send(browser.request("/app/login", false)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
            "username=app.wrong&password=" + Teams.PASSWORD))).statusCode())
        .as("without the token").isEqualTo(403);
    // Another user than the other tests': a failed login makes Camunda delay the next one.
    assertThat(browser.login("app.wrong", "wrong")).isEqualTo(401);
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  void aLoggedInUserSeesThePagesAndTheApiKnowsThem() throws Exception {
    AppSession browser = new AppSession(port);
    assertThat(browser.login("app.rep", Teams.PASSWORD)).isEqualTo(204);

    HttpResponse<String> home = browser.get("/app/");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).contains("/app/index.js");
    assertThat(home.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("default-src 'self'");

    JsonNode me = JSON.readTree(browser.get("/api/me").body());
    assertThat(me.get("id").asText()).isEqualTo("app.rep");
    assertThat(me.get("name").asText()).isEqualTo("app.rep Test");
    assertThat(me.get("roles").toString()).isEqualTo("[\"rep\"]");
    assertThat(me.get("teams").toString()).contains("east-china");
    assertThat(me.get("managedTeams").size()).isZero();
  }

  @Test
  void aChangeThroughTheSessionNeedsTheCsrfTokenAndOneWithItsOwnCredentialsDoesNot()
      throws Exception {
    AppSession browser = new AppSession(port);
    browser.login("app.rep", Teams.PASSWORD);
    String lead = JSON.writeValueAsString(SampleLeads.eastChina());

    assertThat(browser.post("/api/leads", lead, false).statusCode())
        .as("a forged request riding on the session").isEqualTo(403);
    assertThat(browser.post("/api/leads", lead, true).statusCode()).isEqualTo(201);
    assertThat(ApiClient.as(rest, "app.rep", Teams.PASSWORD).post("/api/leads",
        SampleLeads.eastChina()).getStatusCode()).as("HTTP Basic, no token")
        .isEqualTo(HttpStatus.CREATED);
  }

  @Test
  void logOutEndsTheSession() {
    AppSession browser = new AppSession(port);
    browser.login("app.rep", Teams.PASSWORD);
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(200);

    assertThat(browser.post("/app/logout", "", true).statusCode()).isEqualTo(204);
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
    assertThat(browser.get("/app/").statusCode()).isEqualTo(302);
  }

  @Test
  void basicAuthenticationMakesNoSession() {
    var answer = ApiClient.as(rest, "app.rep", Teams.PASSWORD).get("/api/me");
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getHeaders().get("Set-Cookie")).as("no session cookie").isNull();
  }
}
