package io.leadflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.directory.TeamDirectory;
import io.leadflow.support.ApiClient;
import io.leadflow.support.SampleLeads;
import io.leadflow.support.Teams;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;

/** What holds on a fresh production-like start: no demo, no open setup, logins rate-limited. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SecureDefaultsTest {

  @Autowired TestRestTemplate rest;
  @Autowired IdentityService identity;
  @Autowired TeamDirectory directory;

  @Test
  void aFailedLoginMakesTheUserWaitAndTenInARowLockThemUntilAnAdminUnlocksThem() {
    directory.ensureUser("sec.user", "Sec", "User", null, Teams.PASSWORD);
    identity.unlockUser("sec.user");
    ApiClient wrong = ApiClient.as(rest, "sec.user", "wrong-password");
    ApiClient right = ApiClient.as(rest, "sec.user", Teams.PASSWORD);
    long now = System.currentTimeMillis();
    try {
      assertThat(wrong.get("/api/pool").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
      // Within the 3 s delay even the right password is refused ...
      assertThat(right.get("/api/pool").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
      // ... and accepted after it.
      ClockUtil.setCurrentTime(new Date(now += 5_000));
      assertThat(right.get("/api/pool").getStatusCode()).isEqualTo(HttpStatus.OK);

      for (int attempt = 1; attempt <= 10; attempt++) {
        ClockUtil.setCurrentTime(new Date(now += 120_000)); // past every delay
        assertThat(wrong.get("/api/pool").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
      }
      ClockUtil.setCurrentTime(new Date(now += 3_600_000));
      assertThat(right.get("/api/pool").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

      identity.unlockUser("sec.user");
      assertThat(right.get("/api/pool").getStatusCode()).isEqualTo(HttpStatus.OK);
    } finally {
      ClockUtil.reset();
    }
  }

  @Test
  void withoutTheDemoProfileThereIsNoDemoUserAndNoDemoKey() {
    assertThat(identity.createUserQuery().userIdIn("demo", "zhang.wei", "analyst").count())
        .isZero();
    assertThat(ApiClient.withKey(rest, "demo-api-key-change-me")
        .post("/api/leads", SampleLeads.eastChina()).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void theAdminAppsCreateFirstAdminPageIsClosed() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    var response = rest.postForEntity("/camunda/api/admin/setup/default/user/create",
        new HttpEntity<>(Map.of("profile", Map.of("id", "intruder"),
            "credentials", Map.of("password", "intruder-password")), headers), String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(identity.createUserQuery().userId("intruder").count()).isZero();
  }

  @Test
  void inProductionTheSessionAndCsrfCookiesAreSecureHttpOnlyAndSameSite() throws Exception {
    StandardEnvironment production = new StandardEnvironment();
    new YamlPropertySourceLoader().load("postgres",
            new ClassPathResource("application-postgres.yaml"))
        .forEach(production.getPropertySources()::addLast);
    assertThat(production.getProperty("server.servlet.session.cookie.secure", Boolean.class))
        .isTrue();
    assertThat(production.getProperty("server.servlet.session.cookie.http-only", Boolean.class))
        .isTrue();
    assertThat(production.getProperty("server.servlet.session.cookie.same-site")).isEqualTo("lax");
    for (String cookie : new String[] {"session-cookie", "csrf"}) {
      assertThat(production.getProperty("camunda.bpm.webapp." + cookie + ".enable-secure-cookie",
          Boolean.class)).as(cookie).isTrue();
      assertThat(production.getProperty(
          "camunda.bpm.webapp." + cookie + ".enable-same-site-cookie", Boolean.class))
          .as(cookie).isTrue();
    }
  }
}
