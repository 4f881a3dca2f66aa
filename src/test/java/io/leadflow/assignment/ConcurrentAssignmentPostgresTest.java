package io.leadflow.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.identity.ApiKeys;
import io.leadflow.support.ApiClient;
import io.leadflow.support.Teams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
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
 * What only a real database shows: under concurrent requests the team lock keeps round-robin and
 * weighted assignment exact, and two reps claiming one pooled lead cannot both win. Runs against
 * the PostgreSQL that .ci/run prepares (database leadflow_test). Outside CI it is skipped when no
 * PostgreSQL answers; in CI (CI=true) it always runs, and fails if the database is missing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "pgtest"})
@EnabledIf("io.leadflow.support.Postgres#availableOrCi")
class ConcurrentAssignmentPostgresTest {

  static final String KEY = "pg-test-integration-key-0123456789";
  static final int CLIENTS = 30;

  @Autowired TestRestTemplate rest;
  @Autowired TeamDirectory directory;
  @Autowired IdentityService identity;
  @Autowired ApiKeys apiKeys;
  @Autowired JdbcTemplate jdbc;

  String run;

  @BeforeEach
  void setUp() {
    assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
    apiKeys.ensure("pg-test", KEY);
    run = Long.toString(System.nanoTime(), 36);
  }

  /** Posts the leads from CLIENTS threads at once; returns every response. */
  List<ResponseEntity<JsonNode>> postConcurrently(List<Map<String, Object>> leads)
      throws Exception {
    ApiClient api = ApiClient.withKey(rest, KEY);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<ResponseEntity<JsonNode>>> futures = new ArrayList<>();
      for (Map<String, Object> lead : leads) {
        futures.add(pool.submit(() -> {
          start.await();
          return api.post("/api/leads", lead);
        }));
      }
      start.countDown();
      List<ResponseEntity<JsonNode>> responses = new ArrayList<>();
      for (Future<ResponseEntity<JsonNode>> future : futures) {
        responses.add(future.get(3, TimeUnit.MINUTES));
      }
      return responses;
    } finally {
      pool.shutdownNow();
    }
  }

  Map<String, Long> ownersOf(List<ResponseEntity<JsonNode>> responses) {
    assertThat(responses).allSatisfy(r -> assertThat(r.getStatusCode()).isEqualTo(HttpStatus.CREATED));
    List<Long> ids = responses.stream().map(r -> r.getBody().get("id").asLong()).toList();
    // Counted in the database, not from the responses: every lead row has its owner.
    return jdbc.queryForList("select owner from leads where id in ("
            + ids.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")", String.class)
        .stream().collect(Collectors.groupingBy(o -> String.valueOf(o), Collectors.counting()));
  }

  @Test
  void threeHundredConcurrentLeadsToAThreeRepRoundRobinTeamGiveExactlyAHundredEach()
      throws Exception {
    String a = run + ".rr.a", b = run + ".rr.b", c = run + ".rr.c";
    Teams.exactly(directory, identity, "east-china", a, b, c);
    List<Map<String, Object>> leads = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      // 15 trial + 15 decision maker + 10 staff + 10 budget + 10 pricing + 5 case study = 65
      leads.add(ApiClient.lead("WEBSITE_TRIAL", "上海市浦东新区", "decisionMaker", true,
          "companySize", 800, "budget", 1_500_000, "activities", List.of(
              Map.of("type", "PRICING_PAGE_VIEW"), Map.of("type", "CASE_STUDY_DOWNLOAD"))));
    }
    List<ResponseEntity<JsonNode>> responses = postConcurrently(leads);
    assertThat(responses).allSatisfy(r ->
        assertThat(r.getBody().get("team").asText()).isEqualTo("east-china"));
    assertThat(ownersOf(responses)).isEqualTo(Map.of(a, 100L, b, 100L, c, 100L));
    assertThat(jdbc.queryForObject("select count(*) from act_ru_task where assignee_ in (?,?,?)"
        + " and task_def_key_ = 'Task_FollowUp'", Long.class, a, b, c)).isEqualTo(300L);
  }

  @Test
  void threeHundredConcurrentLeadsToAWeightedTeamSplitTwoToOneToOne() throws Exception {
    String heavy = run + ".w.a", light1 = run + ".w.b", light2 = run + ".w.c";
    Teams.exactly(directory, identity, "strategic", heavy, light1, light2);
    directory.save(directory.profile(heavy).setWeight(2));
    List<Map<String, Object>> leads = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      // 20 partner + 15 decision maker + 10 staff + 10 industry + 10 budget + 10 pricing = 75,
      // + 10 for two website visits this month = 85: strategic
      leads.add(ApiClient.lead("PARTNER_REFERRAL", "北京", "decisionMaker", true,
          "companySize", 2000, "industry", "金融", "budget", 5_000_000, "activities", List.of(
              Map.of("type", "PRICING_PAGE_VIEW"), Map.of("type", "WEBSITE_VISIT"),
              Map.of("type", "WEBSITE_VISIT"))));
    }
    List<ResponseEntity<JsonNode>> responses = postConcurrently(leads);
    assertThat(responses).allSatisfy(r ->
        assertThat(r.getBody().get("team").asText()).isEqualTo("strategic"));
    assertThat(ownersOf(responses)).isEqualTo(Map.of(heavy, 150L, light1, 75L, light2, 75L));
  }

  @Test
  void ofSeveralRepsClaimingOnePooledLeadAtOnceExactlyOneWins() throws Exception {
    String[] reps = new String[6];
    for (int i = 0; i < reps.length; i++) {
      reps[i] = run + ".claim." + i;
    }
    Teams.exactly(directory, identity, "south-china", reps);
    ResponseEntity<JsonNode> pooled = ApiClient.withKey(rest, KEY)
        .post("/api/leads", ApiClient.lead("OTHER", "新疆"));
    assertThat(pooled.getBody().get("pooled").asBoolean()).isTrue();
    String id = pooled.getBody().get("id").asText();

    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(reps.length);
    List<Future<ResponseEntity<JsonNode>>> claims = new ArrayList<>();
    for (String rep : reps) {
      Callable<ResponseEntity<JsonNode>> claim = () -> {
        start.await();
        return ApiClient.as(rest, rep, Teams.PASSWORD).post("/api/pool/" + id + "/claim", null);
      };
      claims.add(pool.submit(claim));
    }
    start.countDown();
    List<HttpStatus> statuses = new ArrayList<>();
    String winner = null;
    for (Future<ResponseEntity<JsonNode>> claim : claims) {
      ResponseEntity<JsonNode> response = claim.get(1, TimeUnit.MINUTES);
      statuses.add(HttpStatus.valueOf(response.getStatusCode().value()));
      if (response.getStatusCode() == HttpStatus.OK) {
        winner = response.getBody().get("owner").asText();
      }
    }
    pool.shutdownNow();

    assertThat(statuses).filteredOn(s -> s == HttpStatus.OK).hasSize(1);
    assertThat(statuses).filteredOn(s -> s == HttpStatus.CONFLICT).hasSize(reps.length - 1);
    assertThat(jdbc.queryForObject("select owner from leads where id = ?", String.class,
        Long.parseLong(id))).isEqualTo(winner);
    assertThat(jdbc.queryForObject("select count(*) from lead_history where lead_id = ?"
        + " and event = 'CLAIMED'", Long.class, Long.parseLong(id))).isEqualTo(1L);
  }
}
