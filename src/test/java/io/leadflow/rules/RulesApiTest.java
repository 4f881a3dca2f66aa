package io.leadflow.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.identity.ApiKeys;
import io.leadflow.identity.Roles;
import io.leadflow.support.ApiClient;
import io.leadflow.support.Teams;
import io.leadflow.system.Caller;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The rules workbench end to end: back-tests of candidates on a fixture history whose moves are
 * counted by hand, the checks before deploy (the API's and /engine-rest's), versions, diff,
 * restore, and who may do it.
 *
 * <p>The fixture: nine leads taken in during March 2020 (a window no other test's leads fall
 * into), routed by the routing table LeadFlow ships (its start-up version), scored by the shipped
 * scoring table:
 * <pre>
 *  lead region      industry score(at intake) routed      note
 *  L1   北京         金融      75 (90 now)        pool (Rule_Otherwise, SQL)  webinar after intake
 *  L2   北京市朝阳区 软件      30                 pool (Rule_LowScorePool, MQL) a small company
 *  L3   北京         金融      90                 strategic                   webinar at intake
 *  L4   上海         软件      65                 east-china
 *  L5   广东深圳     软件      65                 south-china
 *  L6   上海         制造业    65                 mfg-mes
 *  L7   浙江杭州     零售      80                 east-china
 *  L8   上海         零售      90                 strategic                   webinar at intake
 *  L9   江苏南京     软件      65                 east-china                  before V11: no version
 * </pre>
 * The shared Spring context's routing table is the project's again after each test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RulesApiTest {

  static final String ANALYST = "rules.analyst";
  static final String REP = "rules.rep";
  static final String MANAGER = "rules.boss";
  static final String KEY = "rules-test-integration-key";
  static final Instant MARCH = Instant.parse("2020-03-10T10:00:00Z");
  static final String WINDOW = "from=2020-03-01T00:00:00Z&to=2020-04-01T00:00:00Z";
  static final String OTHERWISE = "      <rule id=\"Rule_Otherwise\">";

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;
  @Autowired RepositoryService repository;
  @Autowired ProcessEngine engine;
  @Autowired TeamDirectory directory;
  @Autowired IdentityService identity;
  @Autowired Roles roles;
  @Autowired ApiKeys apiKeys;

  ProcessEngine registered;
  Map<String, Long> fixture = new HashMap<>();
  String routingV1;
  String scoringV1;

  @BeforeEach
  void peopleTeamsAndHistory() {
    registered = ProcessEngines.getProcessEngine(engine.getName());
    ProcessEngines.registerProcessEngine(engine);
    directory.ensureGroup(Caller.ANALYSTS, "业务分析师 / Analysts", "WORKFLOW");
    directory.ensureUser(ANALYST, "Analyst", "Rules", "rules.analyst@test.example",
        Teams.PASSWORD);
    directory.ensureMember(ANALYST, Caller.ANALYSTS);
    roles.grantAnalyst(Caller.ANALYSTS);
    for (String team : List.of("strategic", "south-china", "manufacturing", "mfg-mes")) {
      directory.ensureTeam(team, team);
    }
    Teams.exactly(directory, identity, "east-china", "rules.east.a", "rules.east.b");
    directory.ensureRep(REP, "Rep", "Rules", null, Teams.PASSWORD, "east-china");
    directory.ensureManager(MANAGER, "Boss", "Rules", null, Teams.PASSWORD, "east-china");
    apiKeys.ensure("rules-test", KEY);
    routingV1 = startUpVersion("LeadRouting").getId();
    scoringV1 = startUpVersion("LeadScoring").getId();
    if (jdbc.queryForObject("select count(*) from leads where created_at >= ? and created_at < ?",
        Long.class, Timestamp.from(Instant.parse("2020-03-01T00:00:00Z")),
        Timestamp.from(Instant.parse("2020-04-01T00:00:00Z"))) == 0) {
      insertFixture();
    }
    jdbc.query("select id, company from leads where company like 'RULES-L%'",
        rs -> { fixture.put(rs.getString("company").substring(6), rs.getLong("id")); });
  }

  @AfterEach
  void theProjectsRoutingAgain() {
    try {
      byte[] original = classpath("/decisions/LeadRouting.dmn");
      DecisionDefinition latest = latest("LeadRouting");
      byte[] deployed;
      try (InputStream in = repository.getDecisionModel(latest.getId())) {
        deployed = in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (!Arrays.equals(deployed, original)) {
        repository.createDeployment().name("RulesApiTest: the project's routing")
            .addString("decisions/LeadRouting.dmn", new String(original, StandardCharsets.UTF_8))
            .deploy();
      }
    } finally {
      if (registered != null && registered != engine) {
        ProcessEngines.registerProcessEngine(registered);
      }
    }
  }

  // --- back-tests ------------------------------------------------------------------------------

  @Test
  void aCandidateSendingBeijingToEastChinaMovesTheBeijingLeadThePoolHadAtIntake() {
    long leads = count("leads");
    long history = count("lead_history");
    long decisions = count("ACT_HI_DECINST");
    long deployments = repository.createDeploymentQuery().count();

    JsonNode report = simulate(ANALYST, "LeadRouting.dmn", beijingToEastChina(), WINDOW);

    assertThat(report.get("decisionKey").asText()).isEqualTo("LeadRouting");
    assertThat(report.get("leads").asLong()).isEqualTo(9);
    assertThat(report.get("unknownVersion").asLong()).isEqualTo(1);
    // L1 was routed with its score at intake (75), not its score now (90, which is strategic
    // in both tables): it moves from the pool to east-china. L2 (30) stays in the pool.
    assertThat(report.get("movedTeam").asLong()).isEqualTo(1);
    assertThat(report.get("movedStage").asLong()).isZero();
    assertThat(report.get("movedBand").asLong()).isZero();
    assertThat(report.get("matrix").get("pool").get("east-china").asLong()).isEqualTo(1);
    assertThat(report.get("matrix").get("pool").get("pool").asLong()).isEqualTo(1);
    assertThat(report.get("matrix").get("east-china").get("east-china").asLong()).isEqualTo(3);
    assertThat(load(report, "teamLoad", "east-china")).containsExactly(3L, 4L);
    assertThat(load(report, "teamLoad", "pool")).containsExactly(2L, 1L);
    long actualReps = 0;
    long candidateReps = 0;
    for (JsonNode rep : report.get("repLoad")) {
      actualReps += rep.get("actual").asLong();
      candidateReps += rep.get("candidate").asLong();
    }
    assertThat(candidateReps).as("L1 goes to a rep of east-china").isEqualTo(actualReps + 1);
    assertThat(report.get("loadBasis").asText()).startsWith("NOW");
    JsonNode moved = report.get("sample").get(0);
    assertThat(moved.get("id").asLong()).isEqualTo(fixture.get("L1"));
    assertThat(moved.get("actual").get("team").asText()).isEqualTo("pool");
    assertThat(moved.get("actual").get("rule").asText()).isEqualTo("Rule_Otherwise");
    assertThat(moved.get("actual").get("score").asInt()).isEqualTo(75);
    assertThat(moved.get("candidate").get("team").asText()).isEqualTo("east-china");
    assertThat(moved.get("candidate").get("rule").asText()).isEqualTo("Rule_Beijing");
    assertThat(moved.get("candidate").get("ruleDescription").asText()).contains("Beijing");
    JsonNode outcome = report.get("movedOutcomes").get("east-china");
    assertThat(outcome.get("leads").asLong()).isEqualTo(1);
    assertThat(outcome.get("converted").asLong()).isEqualTo(1);
    assertThat(outcome.get("wonAmount").decimalValue()).isEqualByComparingTo("300000");
    JsonNode beijing = rule(report, "Rule_Beijing");
    assertThat(beijing.get("matched").asLong()).isEqualTo(3); // L1, L2, L3 are in 北京
    assertThat(beijing.get("decided").asLong()).isEqualTo(1); // L2 and L3 go earlier
    // The last rule, "anything else", matches all nine and decides none: neither shadowed nor
    // overtaken, that is what it is for.
    JsonNode otherwise = rule(report, "Rule_Otherwise");
    assertThat(otherwise.get("matched").asLong()).isEqualTo(9);
    assertThat(otherwise.get("decided").asLong()).isZero();
    assertThat(otherwise.get("overtaken").asBoolean()).isFalse();
    assertThat(otherwise.get("shadowed").asBoolean()).isFalse();

    // Nothing was deployed, evaluated into history or written to a lead.
    assertThat(count("leads")).isEqualTo(leads);
    assertThat(count("lead_history")).isEqualTo(history);
    assertThat(count("ACT_HI_DECINST")).isEqualTo(decisions);
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(jdbc.queryForObject("select team from leads where id = ?", String.class,
        fixture.get("L1"))).isEqualTo("pool");
  }

  @Test
  void aCandidateRaisingTheStrategicThresholdSendsTheNinetiesToTheirRegions() {
    byte[] candidate = routing().replace("<text>&gt; 80</text>", "<text>&gt; 90</text>")
        .getBytes(StandardCharsets.UTF_8);

    JsonNode report = simulate(ANALYST, "threshold.dmn", candidate, WINDOW);

    // L3 (北京, 90) falls to Rule_Otherwise, the pool; L8 (上海, 90) to east-china.
    assertThat(report.get("movedTeam").asLong()).isEqualTo(2);
    assertThat(report.get("matrix").get("strategic").get("pool").asLong()).isEqualTo(1);
    assertThat(report.get("matrix").get("strategic").get("east-china").asLong()).isEqualTo(1);
    assertThat(load(report, "teamLoad", "strategic")).containsExactly(2L, 0L);
    assertThat(rule(report, "Rule_Strategic").get("neverMatches").asBoolean()).isTrue();
    assertThat(report.get("sample")).extracting(lead -> lead.get("id").asLong())
        .containsExactlyInAnyOrder(fixture.get("L3"), fixture.get("L8"));
  }

  @Test
  void aShadowedRuleAndADeadRuleAreNamed() {
    String routing = routing();
    String shanghai = rule("Rule_Shanghai", "上海 to south-china", "contains(?, \"上海\")",
        "south-china");
    String antarctica = rule("Rule_Antarctica", "南极 nobody", "contains(?, \"南极\")",
        "east-china");
    String copyOfEast = rule("Rule_EastAgain", "the same cell as Rule_EastChina",
        "contains(?, \"上海\") or contains(?, \"江苏\") or contains(?, \"浙江\")", "east-china");
    byte[] candidate = routing.replace(OTHERWISE, shanghai + antarctica + copyOfEast + OTHERWISE)
        .getBytes(StandardCharsets.UTF_8);

    JsonNode report = simulate(ANALYST, "shadows.dmn", candidate, WINDOW);

    assertThat(report.get("movedTeam").asLong()).isZero();
    // Rule_Shanghai matches L4, L6 and L8, each taken by an earlier rule (EastChina, MfgMes,
    // Strategic): overtaken in this window, though not shadowed cell by cell.
    JsonNode overtaken = rule(report, "Rule_Shanghai");
    assertThat(overtaken.get("matched").asLong()).isEqualTo(3);
    assertThat(overtaken.get("decided").asLong()).isZero();
    assertThat(overtaken.get("overtaken").asBoolean()).isTrue();
    assertThat(overtaken.get("overtakenBy").asText())
        .isIn("Rule_EastChina", "Rule_MfgMes", "Rule_Strategic");
    assertThat(overtaken.get("shadowed").asBoolean()).isFalse();
    assertThat(overtaken.get("neverMatches").asBoolean()).isFalse();
    JsonNode dead = rule(report, "Rule_Antarctica");
    assertThat(dead.get("neverMatches").asBoolean()).isTrue();
    assertThat(dead.get("shadowed").asBoolean()).isFalse();
    JsonNode copy = rule(report, "Rule_EastAgain");
    assertThat(copy.get("shadowed").asBoolean()).isTrue();
    assertThat(copy.get("shadowedBy").asText()).isEqualTo("Rule_EastChina");

  }

  @Test
  void aScoringCandidateReplaysTheFactsAtIntakeNotTheActivitiesAfter() {
    String scoring = new String(classpath("/decisions/LeadScoring.dmn"), StandardCharsets.UTF_8);
    int start = scoring.indexOf("      <rule id=\"Rule_Webinar\">");
    int end = scoring.indexOf("</rule>", start) + "</rule>".length() + 1;
    byte[] noWebinar = (scoring.substring(0, start) + scoring.substring(end))
        .getBytes(StandardCharsets.UTF_8);

    JsonNode report = simulate(ANALYST, "no-webinar.dmn", noWebinar, WINDOW);

    // L3 and L8 had their webinar at intake: 90 -> 75, out of strategic. L1's webinar came
    // after intake, so it scored 75 then and still does: it does not move.
    assertThat(report.get("decisionKey").asText()).isEqualTo("LeadScoring");
    assertThat(report.get("movedBand").asLong()).isEqualTo(2);
    assertThat(report.get("movedTeam").asLong()).isEqualTo(2);
    assertThat(report.get("bandMatrix").get(">80").get("61-80").asLong()).isEqualTo(2);
    assertThat(report.get("sample")).extracting(lead -> lead.get("id").asLong())
        .containsExactlyInAnyOrder(fixture.get("L3"), fixture.get("L8"));
    JsonNode l8 = sample(report, fixture.get("L8"));
    assertThat(l8.get("actual").get("score").asInt()).isEqualTo(90);
    assertThat(l8.get("candidate").get("score").asInt()).isEqualTo(75);
    assertThat(l8.get("candidate").get("team").asText()).isEqualTo("east-china");
  }

  // --- checks ----------------------------------------------------------------------------------

  @Test
  void badCandidatesAreRefusedNamingTheRuleAndCell() {
    ResponseEntity<JsonNode> garbage = multipart(ANALYST, "/api/rules/simulations?" + WINDOW,
        "x.dmn", "this is no XML".getBytes(StandardCharsets.UTF_8));
    assertThat(garbage.getStatusCode().value()).isEqualTo(400);
    assertThat(garbage.getBody().get("errors").get(0).get("field").asText()).isEqualTo("file");

    byte[] unknownInput = routing().replace("<text>region</text>", "<text>customerTier</text>")
        .getBytes(StandardCharsets.UTF_8);
    ResponseEntity<JsonNode> reads = multipart(ANALYST, "/api/rules/simulations", "in.dmn",
        unknownInput);
    assertThat(reads.getStatusCode().value()).isEqualTo(400);
    assertThat(reads.getBody().toString()).contains("customerTier", "地区 / Region");

    byte[] badStrategy = routing().replace("<text>\"LOAD_BALANCED\"</text>",
        "<text>\"RANDOM\"</text>").getBytes(StandardCharsets.UTF_8);
    ResponseEntity<JsonNode> strategy = multipart(ANALYST, "/api/rules/checks", "s.dmn",
        badStrategy);
    assertThat(strategy.getStatusCode().value()).isEqualTo(400);
    assertThat(strategy.getBody().get("errors")).extracting(e -> e.get("field").asText())
        .contains("Rule_Manufacturing", "Rule_SouthChina");
    assertThat(strategy.getBody().toString()).contains("RANDOM", "strategy");

    byte[] badCell = routing().replace("<text>&gt; 80</text>", "<text>&gt;&gt; 80 ((</text>")
        .getBytes(StandardCharsets.UTF_8);
    ResponseEntity<JsonNode> cell = multipart(ANALYST, "/api/rules/checks", "c.dmn", badCell);
    assertThat(cell.getStatusCode().value()).isEqualTo(400);
    assertThat(cell.getBody().get("errors").get(0).get("field").asText())
        .isEqualTo("Rule_Strategic");
    assertThat(cell.getBody().toString()).contains("评分 / Score");

    ResponseEntity<JsonNode> good = multipart(ANALYST, "/api/rules/checks", "ok.dmn",
        beijingToEastChina());
    assertThat(good.getStatusCode().value()).as("%s", good.getBody()).isEqualTo(200);
    assertThat(good.getBody().get("rules").asInt()).isEqualTo(8);
  }

  @Test
  void modelerCannotDeployATableThatRoutesIntoNowhere() {
    long deployments = repository.createDeploymentQuery().count();
    int latest = latest("LeadRouting").getVersion();
    byte[] nowhere = routing().replace(OTHERWISE, rule("Rule_North", "北方 to north-china",
        "contains(?, \"北京\")", "north-china") + OTHERWISE).getBytes(StandardCharsets.UTF_8);

    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("deployment-name", "from Modeler");
    form.add("deployment-source", "Camunda Modeler");
    form.add("data", file("decisions/LeadRouting.dmn", nowhere));
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(ANALYST, Teams.PASSWORD);
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    ResponseEntity<JsonNode> response = rest.exchange("/engine-rest/deployment/create",
        HttpMethod.POST, new HttpEntity<>(form, headers), JsonNode.class);

    assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(400);
    assertThat(response.getBody().get("message").asText())
        .contains("Rule_North", "north-china", "销售团队 / Team");
    assertThat(response.getBody().toString()).contains("\"mainElementId\":\"Rule_North\"");
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(latest("LeadRouting").getVersion()).isEqualTo(latest);
  }

  @Test
  void badRequestsAreA4xxNamingTheField() {
    ApiClient analyst = as(ANALYST);
    assertThat(analyst.post("/api/rules/simulations", Map.of("file", "x")).getStatusCode()
        .value()).isEqualTo(415);
    for (String query : List.of("days=0", "days=many", "from=yesterday",
        "to=2200-01-01T00:00:00Z", "from=2020-04-01T00:00:00Z&to=2020-03-01T00:00:00Z",
        "source=FAX", "bands=80,60", "version=two")) {
      ResponseEntity<JsonNode> response = multipart(ANALYST, "/api/rules/simulations?" + query,
          "LeadRouting.dmn", beijingToEastChina());
      assertThat(response.getStatusCode().value()).as(query).isEqualTo(400);
      assertThat(response.getBody().get("errors").get(0).get("field").asText())
          .isEqualTo(query.substring(0, query.indexOf('=')));
    }
    String laughs = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\">"
        + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><definitions xmlns=\""
        + "https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"d\" name=\"&b;\""
        + " namespace=\"x\"/>";
    assertThat(multipart(ANALYST, "/api/rules/checks", "l.dmn",
        laughs.getBytes(StandardCharsets.UTF_8)).getStatusCode().value()).isEqualTo(400);
    assertThat(multipart(ANALYST, "/api/rules/checks", "approval.dmn",
        classpath("/decisions/LeadApproval.dmn")).getStatusCode().value()).isEqualTo(400);
    assertThat(analyst.get("/api/rules/LeadRouting/versions/x/diff/1").getStatusCode().value())
        .isEqualTo(400);
    assertThat(analyst.get("/api/rules/LeadRouting/versions/9999/diff/1").getStatusCode()
        .value()).isEqualTo(404);
    assertThat(analyst.post("/api/rules/LeadRouting/versions/9999/restore", null)
        .getStatusCode().value()).isEqualTo(404);
  }

  // --- versions, diff, restore -----------------------------------------------------------------

  @Test
  void aDeployedCandidateIsDiffedAndRestoredInOneStepAndTheNextLeadUsesTheRestoredVersion() {
    int before = latest("LeadRouting").getVersion();
    byte[] candidate = new String(beijingToEastChina(), StandardCharsets.UTF_8)
        .replace("<text>&gt; 80</text>", "<text>&gt; 90</text>").getBytes(StandardCharsets.UTF_8);
    ResponseEntity<JsonNode> deployed = multipart(ANALYST, "/api/rules/LeadRouting/deployments",
        "LeadRouting.dmn", candidate);
    assertThat(deployed.getStatusCode().value()).as("%s", deployed.getBody()).isEqualTo(200);
    int candidateVersion = deployed.getBody().get("version").asInt();
    assertThat(candidateVersion).isEqualTo(before + 1);

    // A lead taken in now, on the candidate: 北京 with 75 points goes to east-china.
    ApiClient admin = ApiClient.admin(rest);
    JsonNode running = admin.createLead(beijingLead());
    assertThat(running.get("team").asText()).isEqualTo("east-china");
    assertThat(running.get("routing").get("routingDecisionVersion").asInt())
        .isEqualTo(candidateVersion);

    JsonNode diff = as(ANALYST).get("/api/rules/LeadRouting/versions/" + before + "/diff/"
        + candidateVersion).getBody();
    assertThat(diff.get("added")).extracting(r -> r.get("ruleId").asText())
        .containsExactly("Rule_Beijing");
    assertThat(diff.get("removed")).isEmpty();
    JsonNode strategic = changed(diff, "Rule_Strategic");
    assertThat(strategic.get("cells")).hasSize(1);
    assertThat(strategic.get("cells").get(0).get("column").asText()).isEqualTo("input score");
    assertThat(strategic.get("cells").get(0).get("before").asText()).isEqualTo("> 80");
    assertThat(strategic.get("cells").get(0).get("after").asText()).isEqualTo("> 90");
    JsonNode otherwise = changed(diff, "Rule_Otherwise");
    assertThat(otherwise.get("positionBefore").asInt()).isEqualTo(7);
    assertThat(otherwise.get("positionAfter").asInt()).isEqualTo(8);
    assertThat(otherwise.get("cells")).isEmpty();

    ResponseEntity<JsonNode> restored = as(ANALYST).post("/api/rules/LeadRouting/versions/"
        + before + "/restore", null);
    assertThat(restored.getStatusCode().value()).as("%s", restored.getBody()).isEqualTo(200);
    int restoredVersion = restored.getBody().get("version").asInt();
    assertThat(restoredVersion).isEqualTo(candidateVersion + 1);

    // The next lead uses the restored version; the running one keeps its own.
    JsonNode next = admin.createLead(beijingLead());
    assertThat(next.get("team").asText()).isEqualTo("pool");
    assertThat(next.get("routing").get("routingDecisionVersion").asInt())
        .isEqualTo(restoredVersion);
    JsonNode stillRunning = admin.get("/api/leads/" + running.get("id").asText()).getBody();
    assertThat(stillRunning.get("team").asText()).isEqualTo("east-china");
    assertThat(stillRunning.get("routing").get("routingDecisionVersion").asInt())
        .isEqualTo(candidateVersion);

    // The version list says who did what, from where, and how many leads each routed.
    JsonNode versions = as(ANALYST).get("/api/rules/LeadRouting/versions").getBody();
    JsonNode restore = version(versions, restoredVersion);
    assertThat(restore.get("source").asText()).isEqualTo("RESTORE");
    assertThat(restore.get("restoredFrom").asInt()).isEqualTo(before);
    assertThat(restore.get("deployedBy").asText()).isEqualTo(ANALYST);
    assertThat(restore.get("latest").asBoolean()).isTrue();
    assertThat(restore.get("leads").asLong()).isEqualTo(1);
    JsonNode page = version(versions, candidateVersion);
    assertThat(page.get("source").asText()).isEqualTo("PAGE");
    assertThat(page.get("leads").asLong()).isEqualTo(1);
    if (startUpVersion("LeadRouting").getVersion() == before) {
      assertThat(version(versions, before).get("source").asText()).isEqualTo("START_UP");
    }

    // Every lead the restored version had routed has the restore in its history.
    long noted = restored.getBody().get("leadsNoted").asLong();
    assertThat(noted).isEqualTo(jdbc.queryForObject("select count(*) from leads"
        + " where routing_decision_id = ?", Long.class,
        repository.createDecisionDefinitionQuery().decisionDefinitionKey("LeadRouting")
            .decisionDefinitionVersion(before).singleResult().getId()));
    if (startUpVersion("LeadRouting").getVersion() == before) {
      assertThat(noted).isGreaterThanOrEqualTo(8);
      JsonNode l1 = admin.get("/api/leads/" + fixture.get("L1")).getBody();
      assertThat(l1.get("history")).anySatisfy(line -> {
        assertThat(line.get("event").asText()).isEqualTo("DECISION_RESTORED");
        assertThat(line.get("reason").asText()).contains("LeadRouting v" + before,
            "v" + restoredVersion, ANALYST);
      });
    }
  }

  @Test
  void repsManagersAndIntegrationsMayNotTouchTheRules() {
    for (ApiClient caller : List.of(as(REP), as(MANAGER), ApiClient.withKey(rest, KEY))) {
      assertThat(caller.get("/api/rules/LeadRouting/versions").getStatusCode().value())
          .isEqualTo(403);
      assertThat(caller.post("/api/rules/LeadRouting/versions/1/restore", null).getStatusCode()
          .value()).isEqualTo(403);
    }
    for (String user : List.of(REP, MANAGER)) {
      assertThat(multipart(user, "/api/rules/simulations", "LeadRouting.dmn",
          beijingToEastChina()).getStatusCode().value()).isEqualTo(403);
    }
    assertThat(multipartWithKey("/api/rules/simulations", beijingToEastChina())
        .getStatusCode().value()).isEqualTo(403);
    assertThat(ApiClient.admin(rest).get("/api/rules/LeadRouting/versions").getStatusCode()
        .value()).isEqualTo(200);
    assertThat(as(ANALYST).get("/api/rules/LeadApproval/versions").getStatusCode().value())
        .isEqualTo(404);
  }

  // --- the fixture -----------------------------------------------------------------------------

  void insertFixture() {
    lead("L1", "北京", "金融", null, "pool", null, "Rule_Otherwise", 75, 90, routingV1,
        List.of("PRICING_PAGE_VIEW@0", "WEBINAR_ATTENDED@172800"), true);
    lead("L2", "北京市朝阳区", "软件", null, "pool", null, "Rule_LowScorePool", 30, 30,
        routingV1, List.of("PRICING_PAGE_VIEW@0"), false);
    lead("L3", "北京", "金融", null, "strategic", "rules.east.a", "Rule_Strategic", 90, 90,
        routingV1, List.of("PRICING_PAGE_VIEW@0", "WEBINAR_ATTENDED@-60"), false);
    lead("L4", "上海", "软件", null, "east-china", "rules.east.a", "Rule_EastChina", 65, 65,
        routingV1, List.of("PRICING_PAGE_VIEW@0"), false);
    lead("L5", "广东深圳", "软件", null, "south-china", "rules.south", "Rule_SouthChina", 65, 65,
        routingV1, List.of("PRICING_PAGE_VIEW@0"), false);
    lead("L6", "上海", "制造业", "MES", "mfg-mes", "rules.mes", "Rule_MfgMes", 65, 65, routingV1,
        List.of(), false);
    lead("L7", "浙江杭州", "零售", null, "east-china", "rules.east.b", "Rule_EastChina", 80, 80,
        routingV1, List.of("PRICING_PAGE_VIEW@0", "CASE_STUDY_DOWNLOAD@0"), false);
    lead("L8", "上海", "零售", null, "strategic", "rules.east.b", "Rule_Strategic", 90, 90,
        routingV1, List.of("PRICING_PAGE_VIEW@0", "WEBINAR_ATTENDED@0"), false);
    lead("L9", "江苏南京", "软件", null, "east-china", "rules.east.b", "Rule_EastChina", 65, 65,
        null, List.of("PRICING_PAGE_VIEW@0"), false);
  }

  /**
   * A lead of March 2020: partner referral, decision maker, 800 employees, a budget of 2 million
   * (55 points; L2 is a small company without them: 20), plus its industry and activities
   * ("TYPE@seconds after intake").
   */
  void lead(String name, String region, String industry, String product, String team,
      String owner, String rule, int intakeScore, int score, String routingDecision,
      List<String> activities, boolean convertedLater) {
    long id = jdbc.queryForObject("select nextval('leads_seq')", Long.class);
    Timestamp at = Timestamp.from(MARCH);
    boolean small = "L2".equals(name);
    jdbc.update("""
        insert into leads (id, source, name, company, decision_maker, email, region, industry,
          product, company_size, budget, attributes, stage, score, team, strategy, owner, pooled,
          routing_rule, routing_decision_id, routing_decision_version, scoring_decision_id,
          duplicate_count, created_at, updated_at, version, sql_at, opportunity_at, won_amount)
        values (?, 'PARTNER_REFERRAL', ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?,
          ?, ?, ?, ?, ?, 0, ?, ?, 0, ?, ?, ?)""",
        id, "测试" + name, "RULES-" + name, !small, name.toLowerCase() + "@rules.example",
        region, industry, product, small ? 100 : 800, small ? 100_000 : 2_000_000,
        convertedLater ? "CUSTOMER" : "SQL", score, team,
        "pool".equals(team) ? null : "ROUND_ROBIN", owner, "pool".equals(team), rule,
        routingDecision, routingDecision == null ? null : 1,
        routingDecision == null ? null : scoringV1, at, at, at,
        convertedLater ? Timestamp.from(MARCH.plusSeconds(86_400 * 5)) : null,
        convertedLater ? 300_000 : null);
    for (String activity : activities) {
      String[] parts = activity.split("@");
      jdbc.update("insert into lead_activities (lead_id, type, occurred_at) values (?, ?, ?)",
          id, parts[0], Timestamp.from(MARCH.plusSeconds(Long.parseLong(parts[1]))));
    }
    jdbc.update("insert into lead_score_changes (id, lead_id, occurred_at, score, cause)"
        + " values (nextval('lead_score_changes_seq'), ?, ?, ?, 'INTAKE')", id, at, intakeScore);
    if (score != intakeScore) {
      jdbc.update("insert into lead_score_changes (id, lead_id, occurred_at, score,"
          + " previous_score, cause) values (nextval('lead_score_changes_seq'), ?, ?, ?, ?,"
          + " 'ACTIVITY WEBINAR_ATTENDED')", id, Timestamp.from(MARCH.plusSeconds(172_800)),
          score, intakeScore);
    }
  }

  // --- helpers ---------------------------------------------------------------------------------

  static Map<String, Object> beijingLead() {
    Map<String, Object> lead = ApiClient.lead("PARTNER_REFERRAL", "北京市海淀区", "company",
        "北京精算", "industry", "金融", "companySize", 800, "budget", 2_000_000,
        "decisionMaker", true, "activities", List.of(Map.of("type", "PRICING_PAGE_VIEW")));
    return lead;
  }

  String routing() {
    return new String(classpath("/decisions/LeadRouting.dmn"), StandardCharsets.UTF_8);
  }

  byte[] beijingToEastChina() {
    return routing().replace(OTHERWISE, rule("Rule_Beijing",
        "北京的线索交给华东销售团队 / Beijing leads go to East China sales",
        "contains(?, \"北京\")", "east-china") + OTHERWISE).getBytes(StandardCharsets.UTF_8);
  }

  /** A routing rule on the region alone, round-robin, 24 h, SQL. */
  static String rule(String id, String description, String region, String team) {
    String cell = region.replace("\"", "&quot;");
    return """
              <rule id="%1$s">
                <description>%2$s</description>
                <inputEntry id="%1$s_score"><text></text></inputEntry>
                <inputEntry id="%1$s_industry"><text></text></inputEntry>
                <inputEntry id="%1$s_product"><text></text></inputEntry>
                <inputEntry id="%1$s_region"><text>%3$s</text></inputEntry>
                <outputEntry id="%1$s_team"><text>"%4$s"</text></outputEntry>
                <outputEntry id="%1$s_strategy"><text>"ROUND_ROBIN"</text></outputEntry>
                <outputEntry id="%1$s_sla"><text>"PT24H"</text></outputEntry>
                <outputEntry id="%1$s_stage"><text>"SQL"</text></outputEntry>
                <outputEntry id="%1$s_escalate"><text>"PT48H"</text></outputEntry>
                <outputEntry id="%1$s_reason"><text>"%2$s"</text></outputEntry>
              </rule>
        """.formatted(id, description, cell, team);
  }

  JsonNode simulate(String user, String name, byte[] dmn, String query) {
    ResponseEntity<JsonNode> response = multipart(user, "/api/rules/simulations?" + query, name,
        dmn);
    assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(200);
    return response.getBody();
  }

  ResponseEntity<JsonNode> multipart(String user, String path, String name, byte[] content) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, Teams.PASSWORD);
    return send(path, name, content, headers);
  }

  ResponseEntity<JsonNode> multipartWithKey(String path, byte[] content) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-API-Key", KEY);
    return send(path, "LeadRouting.dmn", content, headers);
  }

  private ResponseEntity<JsonNode> send(String path, String name, byte[] content,
      HttpHeaders headers) {
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("file", file(name, content));
    return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(form, headers),
        JsonNode.class);
  }

  static ByteArrayResource file(String name, byte[] content) {
    return new ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return name;
      }
    };
  }

  ApiClient as(String user) {
    return ApiClient.as(rest, user, Teams.PASSWORD);
  }

  DecisionDefinition latest(String key) {
    return repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion()
        .singleResult();
  }

  /** The version LeadFlow deployed at start-up (the fixture's leads were decided by it). */
  DecisionDefinition startUpVersion(String key) {
    List<String> ours = repository.createDeploymentQuery().deploymentSource("LeadFlow").list()
        .stream().map(d -> d.getId()).toList();
    return repository.createDecisionDefinitionQuery().decisionDefinitionKey(key)
        .orderByDecisionDefinitionVersion().desc().list().stream()
        .filter(d -> ours.contains(d.getDeploymentId())).findFirst().orElseThrow();
  }

  long count(String table) {
    return jdbc.queryForObject("select count(*) from " + table, Long.class);
  }

  static List<Long> load(JsonNode report, String field, String id) {
    for (JsonNode load : report.get(field)) {
      if (load.get("id").asText().equals(id)) {
        return List.of(load.get("actual").asLong(), load.get("candidate").asLong());
      }
    }
    return List.of();
  }

  static JsonNode rule(JsonNode report, String id) {
    for (JsonNode rule : report.get("rules")) {
      if (rule.get("ruleId").asText().equals(id)) {
        return rule;
      }
    }
    throw new AssertionError("no rule " + id + " in " + report.get("rules"));
  }

  static JsonNode sample(JsonNode report, long id) {
    for (JsonNode lead : report.get("sample")) {
      if (lead.get("id").asLong() == id) {
        return lead;
      }
    }
    throw new AssertionError("lead " + id + " not in the sample");
  }

  static JsonNode changed(JsonNode diff, String ruleId) {
    for (JsonNode rule : diff.get("changed")) {
      if (rule.get("ruleId").asText().equals(ruleId)) {
        return rule;
      }
    }
    throw new AssertionError(ruleId + " not changed in " + diff);
  }

  static JsonNode version(JsonNode versions, int version) {
    List<Integer> seen = new ArrayList<>();
    for (JsonNode v : versions) {
      if (v.get("version").asInt() == version) {
        return v;
      }
      seen.add(v.get("version").asInt());
    }
    throw new AssertionError("no version " + version + " in " + seen);
  }

  static byte[] classpath(String path) {
    try (InputStream in = RulesApiTest.class.getResourceAsStream(path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
