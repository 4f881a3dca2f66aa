package io.leadflow.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.identity.ApiKeys;
import io.leadflow.support.ApiClient;
import io.leadflow.support.Teams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Fairness on PostgreSQL: 3,000 rows for a round-robin team of three give exactly 1,000 each,
 * while live intake for the same team runs beside the import and is not skewed by it. Runs
 * against the PostgreSQL that .ci/run prepares; in CI it always runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "pgtest"})
@EnabledIf("io.leadflow.support.Postgres#availableOrCi")
class ImportPostgresTest {

  static final String KEY = "pg-import-integration-key-0123456789";
  static final String TEAM = "east-china";
  static final String[] REPS = {"rr.a", "rr.b", "rr.c"};
  static final int ROWS = 3000;
  static final int LIVE = 150;

  @Autowired TestRestTemplate rest;
  @Autowired TeamDirectory directory;
  @Autowired IdentityService identity;
  @Autowired ApiKeys apiKeys;
  @Autowired JdbcTemplate jdbc;

  @Test
  void threeThousandRowsForARoundRobinTeamOfThreeGiveAThousandEachBesideLiveIntake()
      throws Exception {
    assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
    Teams.exactly(directory, identity, TEAM, REPS);
    apiKeys.ensure("pg-import-test", KEY);
    String run = Long.toString(System.nanoTime(), 36);
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("姓名", "公司", "手机", "邮箱", "省份", "行业", "员工数", "预算", "是否决策人", "来源"));
    for (int i = 0; i < ROWS; i++) {
      rows.add(List.of("客户" + i, "上海" + run + "证券", "", "rr" + i + "." + run + "@example.cn",
          "上海市", "金融", "1200", "300万", "是", "PARTNER_REFERRAL"));
    }
    ImportClient admin = ImportClient.as(rest, "admin", "admin-test-password");
    long id = admin.start("3000.xlsx", ImportFiles.xlsx(rows), Map.of("digest", "false"));

    // Live intake for the same team while the import runs.
    ApiClient api = ApiClient.withKey(rest, KEY);
    ExecutorService clients = Executors.newFixedThreadPool(4);
    List<Future<ResponseEntity<JsonNode>>> posted = new ArrayList<>();
    for (int i = 0; i < LIVE; i++) {
      int n = i;
      posted.add(clients.submit(() -> {
        ImportClient.pause(200L * (n % 20));
        return api.post("/api/leads", Map.of("source", "PARTNER_REFERRAL", "name", "在线" + n,
            "email", "live" + n + "." + run + "@example.cn", "region", "上海市浦东新区",
            "industry", "金融", "companySize", 1200, "budget", 3_000_000, "decisionMaker", true));
      }));
    }
    for (Future<ResponseEntity<JsonNode>> future : posted) {
      assertThat(future.get(5, TimeUnit.MINUTES).getStatusCode().value()).isEqualTo(201);
    }
    clients.shutdown();
    JsonNode done = admin.awaitEnd(id, Duration.ofMinutes(8));
    assertThat(done.get("status").asText()).isEqualTo("DONE");
    assertThat(done.get("created").asInt()).isEqualTo(ROWS);
    assertThat(done.get("failed").asInt()).isZero();
    assertThat(done.get("assigned").toString())
        .isEqualTo("{\"rr.a\":1000,\"rr.b\":1000,\"rr.c\":1000}");

    // Import and live intake together: the team's round-robin stayed exact over all of them.
    List<Map<String, Object>> owners = jdbc.queryForList("select owner, count(*) as n from leads"
        + " where email like ? and team = ? group by owner order by owner", "%." + run
        + "@example.cn", TEAM);
    assertThat(owners).extracting(o -> ((Number) o.get("n")).intValue())
        .containsExactly(1050, 1050, 1050);
    assertThat(jdbc.queryForObject("select count(*) from leads where email like ? and"
        + " process_instance_id is null", Integer.class, "%." + run + "@example.cn")).isZero();
  }
}
