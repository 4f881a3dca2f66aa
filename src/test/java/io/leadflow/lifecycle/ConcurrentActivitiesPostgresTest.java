package io.leadflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.identity.ApiKeys;
import io.leadflow.support.ApiClient;
import io.leadflow.support.Teams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Activities that arrive at the same moment for an MQL each re-score it, and the one that makes
 * it an SQL assigns it: exactly once, however many arrive together. On the PostgreSQL that
 * .ci/run prepares; skipped locally without it, never in CI.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "pgtest"})
@EnabledIf("io.leadflow.support.Postgres#availableOrCi")
class ConcurrentActivitiesPostgresTest {

  static final String KEY = "pg-test-activities-key-0123456789";
  static final int LEADS = 5;
  static final int TOGETHER = 4;

  @Autowired TestRestTemplate rest;
  @Autowired TeamDirectory directory;
  @Autowired IdentityService identity;
  @Autowired ApiKeys apiKeys;
  @Autowired JdbcTemplate jdbc;

  @Test
  void activitiesArrivingTogetherAssignAnMqlThatBecomesSqlExactlyOnce() throws Exception {
    assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
    apiKeys.ensure("pg-test-activities", KEY);
    String run = Long.toString(System.nanoTime(), 36);
    Teams.exactly(directory, identity, "east-china", run + ".a", run + ".b");
    ApiClient api = ApiClient.withKey(rest, KEY);

    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < LEADS; i++) {
      // 15 trial + 15 decision maker + 10 staff + 10 target industry = 50: an MQL in the pool.
      JsonNode lead = api.post("/api/leads", ApiClient.lead("WEBSITE_TRIAL", "上海市浦东新区",
          "decisionMaker", true, "companySize", 800, "industry", "金融")).getBody();
      assertThat(lead.get("stage").asText()).isEqualTo("MQL");
      ids.add(lead.get("id").asLong());
    }

    // Every lead gets TOGETHER webinar activities at once; any one of them (+15 = 65) makes it SQL.
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(LEADS * TOGETHER);
    List<Future<ResponseEntity<JsonNode>>> futures = new ArrayList<>();
    try {
      for (long id : ids) {
        for (int i = 0; i < TOGETHER; i++) {
          futures.add(pool.submit(() -> {
            start.await();
            return api.post("/api/leads/" + id + "/activities",
                Map.of("activities", List.of(Map.of("type", "WEBINAR_ATTENDED"))));
          }));
        }
      }
      start.countDown();
      List<JsonNode> answers = new ArrayList<>();
      for (Future<ResponseEntity<JsonNode>> future : futures) {
        ResponseEntity<JsonNode> response = future.get(3, TimeUnit.MINUTES);
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody()))
            .isEqualTo(HttpStatus.OK);
        answers.add(response.getBody());
      }
      assertThat(answers).filteredOn(a -> a.get("routedNow").asBoolean()).hasSize(LEADS);
    } finally {
      pool.shutdownNow();
    }

    for (long id : ids) {
      assertThat(jdbc.queryForObject("select count(*) from lead_history where lead_id = ?"
          + " and event = 'ASSIGNED'", Long.class, id)).as("assignments of " + id).isEqualTo(1L);
      assertThat(jdbc.queryForObject("select count(*) from act_ru_task t join leads l"
          + " on l.process_instance_id = t.proc_inst_id_ where l.id = ?"
          + " and t.task_def_key_ = 'Task_FollowUp'", Long.class, id)).isEqualTo(1L);
      assertThat(jdbc.queryForObject("select count(*) from act_ru_task t join leads l"
          + " on l.process_instance_id = t.proc_inst_id_ where l.id = ?"
          + " and t.task_def_key_ = 'Task_ClaimFromPool'", Long.class, id)).isZero();
      assertThat(jdbc.queryForMap("select stage, score, pooled, team from leads where id = ?", id))
          .containsEntry("stage", "SQL").containsEntry("score", 65)
          .containsEntry("pooled", false).containsEntry("team", "east-china");
      assertThat(jdbc.queryForObject("select count(*) from lead_activities where lead_id = ?",
          Long.class, id)).isEqualTo((long) TOGETHER);
      assertThat(jdbc.queryForList("select score from lead_score_changes where lead_id = ?"
          + " order by id", Integer.class, id)).containsExactly(50, 65);
    }
  }

  @Test
  void theEngineTaskTableHasLeadFlowsParentTaskIndex() {
    assertThat(jdbc.queryForList("select indexname from pg_indexes where tablename = 'act_ru_task'",
        String.class)).contains("act_idx_lf_task_parent");
  }
}
