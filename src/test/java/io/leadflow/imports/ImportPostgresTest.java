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
 * and live intake for the same team beside an import is not skewed by it. Runs
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

  List<List<String>> rows(String run, String prefix, int n) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("姓名", "公司", "手机", "邮箱", "省份", "行业", "员工数", "预算", "是否决策人", "来源"));
    for (int i = 0; i < n; i++) {
      rows.add(List.of("客户" + i, "上海" + run + "证券", "", prefix + i + "." + run + "@example.cn",
          "上海市", "金融", "1200", "300万", "是", "PARTNER_REFERRAL"));
    }
    return rows;
  }

  @Test
  void threeThousandRowsForARoundRobinTeamOfThreeGiveAThousandEachAndLiveIntakeBesideStaysFair()
      throws Exception {
    assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
    Teams.exactly(directory, identity, TEAM, REPS);
    apiKeys.ensure("pg-import-test", KEY);
    String run = Long.toString(System.nanoTime(), 36);
    ImportClient admin = ImportClient.as(rest, "admin", "admin-test-password");

    long id = admin.start("3000.xlsx", ImportFiles.xlsx(rows(run, "rr", ROWS)),
        Map.of("digest", "false"));
    JsonNode done = admin.awaitEnd(id, Duration.ofMinutes(8));
    assertThat(done.get("status").asText()).isEqualTo("DONE");
    assertThat(done.get("created").asInt()).isEqualTo(ROWS);
    assertThat(done.get("failed").asInt()).isZero();
    assertThat(done.get("assigned").toString())
        .isEqualTo("{\"rr.a\":1000,\"rr.b\":1000,\"rr.c\":1000}");

    // Another import with live intake for the same team beside it: the round-robin stays exact
    // over both together.
    long beside = admin.start("300.xlsx", ImportFiles.xlsx(rows(run, "b", 300)),
        Map.of("digest", "false"));
    ApiClient api = ApiClient.withKey(rest, KEY);
    ExecutorService clients = Executors.newFixedThreadPool(4);
    List<Future<ResponseEntity<JsonNode>>> posted = new ArrayList<>();
    for (int i = 0; i < LIVE; i++) {
      int n = i;
      posted.add(clients.submit(() -> api.post("/api/leads", Map.of("source", "PARTNER_REFERRAL",
          "name", "在线" + n, "email", "live" + n + "." + run + "@example.cn",
          "region", "上海市浦东新区", "industry", "金融", "companySize", 1200, "budget", 3_000_000,
          "decisionMaker", true))));
    }
    for (Future<ResponseEntity<JsonNode>> future : posted) {
      assertThat(future.get(5, TimeUnit.MINUTES).getStatusCode().value()).isEqualTo(201);
    }
    clients.shutdown();
    JsonNode second = admin.awaitEnd(beside, Duration.ofMinutes(5));
    assertThat(second.get("created").asInt()).isEqualTo(300);
    List<Integer> owners = jdbc.queryForList("select count(*) from leads where email like ?"
        + " and team = ? and (email like 'b%' or email like 'live%') group by owner order by"
        + " owner", Integer.class, "%." + run + "@example.cn", TEAM);
    assertThat(owners).containsExactly(150, 150, 150);
    assertThat(jdbc.queryForObject("select count(*) from leads where email like ? and"
        + " process_instance_id is null", Integer.class, "%." + run + "@example.cn")).isZero();
  }
}
