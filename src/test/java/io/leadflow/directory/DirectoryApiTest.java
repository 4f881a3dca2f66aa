package io.leadflow.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.support.ApiClient;
import io.leadflow.support.SampleLeads;
import io.leadflow.support.Teams;
import io.leadflow.system.Caller;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * The people directory over HTTP: teams and reps as each role sees and changes them, validation,
 * and out-of-office taking effect on the next lead. Every test uses user and team ids of its own
 * (the database is shared by the test classes, and Camunda locks a user after a failed login).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DirectoryApiTest {

  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = "admin-test-password";

  @Autowired TestRestTemplate rest;
  @Autowired TeamDirectory directory;
  @Autowired IdentityService identity;
  @Autowired UserContacts contacts;

  ApiClient admin() {
    return ApiClient.as(rest, ADMIN, ADMIN_PASSWORD);
  }

  ApiClient as(String user) {
    return ApiClient.as(rest, user, Teams.PASSWORD);
  }

  /** A JSON body that may hold nulls (Map.of may not). */
  static Map<String, Object> body(Object... fieldsAndValues) {
    Map<String, Object> body = new LinkedHashMap<>();
    for (int i = 0; i + 1 < fieldsAndValues.length; i += 2) {
      body.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
    }
    return body;
  }

  static List<String> fields(ResponseEntity<JsonNode> response) {
    return StreamSupport.stream(response.getBody().get("errors").spliterator(), false)
        .map(e -> e.get("field").asText()).toList();
  }

  static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  static List<String> ids(ResponseEntity<JsonNode> response) {
    return StreamSupport.stream(response.getBody().spliterator(), false)
        .map(node -> node.get("id").asText()).toList();
  }

  static void assertRefused(ResponseEntity<JsonNode> response) {
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(response.getBody().get("status").asInt()).isEqualTo(403);
  }

  @Test
  void anonymousCallersAreAskedToAuthenticate() {
    ApiClient nobody = ApiClient.anonymous(rest);
    assertThat(nobody.get("/api/teams").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(nobody.get("/api/teams/east-china").getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(nobody.put("/api/teams/dir-anon", body("name", "x")).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(nobody.get("/api/reps").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(nobody.get("/api/reps/admin").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(nobody.put("/api/reps/dir.anon", body("active", false)).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(identity.createGroupQuery().groupId("dir-anon").count()).isZero();
    assertThat(identity.createUserQuery().userId("dir.anon").count()).isZero();
  }

  @Test
  void anAdminCreatesATeamWithAManagerAndARepWhoGetsTheNextLead() {
    // The routing table sends SampleLeads.eastChina() to east-china: the admin builds that team
    // from nothing. Its manager is a user made in Camunda Admin.
    if (identity.createGroupQuery().groupId("east-china").count() > 0) {
      identity.deleteGroup("east-china");
    }
    directory.ensureUser("dir.e2e.mgr", "经理", "测试", "dir.e2e.mgr@test.example",
        Teams.PASSWORD);

    ResponseEntity<JsonNode> team = admin().put("/api/teams/east-china",
        body("name", "华东销售团队", "managers", List.of("dir.e2e.mgr")));
    assertThat(team.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(team.getHeaders().getLocation()).hasToString("/api/teams/east-china");
    assertThat(team.getBody().get("name").asText()).isEqualTo("华东销售团队");
    assertThat(texts(team.getBody().get("managers"))).containsExactly("dir.e2e.mgr");
    assertThat(texts(team.getBody().get("reps"))).isEmpty();
    Group group = identity.createGroupQuery().groupId("east-china").singleResult();
    assertThat(group.getType()).isEqualTo(TeamDirectory.TEAM_GROUP_TYPE);
    assertThat(directory.managersOf("east-china")).containsExactly("dir.e2e.mgr");

    ResponseEntity<JsonNode> rep = admin().put("/api/reps/dir.e2e.rep", body(
        "firstName", "小红", "lastName", "李", "email", "dir.e2e.rep@test.example",
        "password", "rep-password-1", "teams", List.of("east-china"), "locale", "zh-CN",
        "mobile", "138 0013 8066", "weight", 2, "skills", List.of("MES"),
        "regions", List.of("江苏省")));
    assertThat(rep.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode created = rep.getBody();
    assertThat(created.get("id").asText()).isEqualTo("dir.e2e.rep");
    assertThat(texts(created.get("teams"))).containsExactly("east-china");
    assertThat(created.get("available").asBoolean()).isTrue();
    assertThat(created.get("active").asBoolean()).isTrue();
    assertThat(created.get("openLeads").asLong()).isZero();
    assertThat(created.get("weight").asInt()).isEqualTo(2);
    assertThat(created.get("maxOpenLeads").isNull()).isTrue();
    assertThat(texts(created.get("skills"))).containsExactly("MES");
    assertThat(texts(created.get("regions"))).containsExactly("江苏省");
    assertThat(created.get("mobile").asText()).isEqualTo("+8613800138066");
    assertThat(created.get("locale").asText()).isEqualTo("zh-CN");
    // A Camunda user: Tasklist, Cockpit and the API know them with this password.
    User user = identity.createUserQuery().userId("dir.e2e.rep").singleResult();
    // A Chinese name is kept family name first, as Camunda's webapps show "first last": 李 小红.
    assertThat(user.getFirstName()).isEqualTo("李");
    assertThat(user.getLastName()).isEqualTo("小红");
    assertThat(user.getEmail()).isEqualTo("dir.e2e.rep@test.example");
    assertThat(identity.checkPassword("dir.e2e.rep", "rep-password-1")).isTrue();
    assertThat(identity.createUserQuery().memberOfGroup(Caller.REPS)
        .userId("dir.e2e.rep").count()).isOne();

    JsonNode lead = admin().post("/api/leads", SampleLeads.eastChina()).getBody();
    assertThat(lead.get("team").asText()).isEqualTo("east-china");
    assertThat(lead.get("owner").asText()).isEqualTo("dir.e2e.rep");

    ApiClient manager = as("dir.e2e.mgr");
    ResponseEntity<JsonNode> managed = manager.get("/api/teams");
    assertThat(managed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(ids(managed)).containsExactly("east-china");
    assertThat(texts(managed.getBody().get(0).get("reps"))).containsExactly("dir.e2e.rep");
    assertThat(manager.get("/api/reps/dir.e2e.rep").getBody().get("openLeads").asLong())
        .isEqualTo(1);
    ResponseEntity<JsonNode> self = ApiClient.as(rest, "dir.e2e.rep", "rep-password-1")
        .get("/api/reps/dir.e2e.rep");
    assertThat(self.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(self.getBody().get("openLeads").asLong()).isEqualTo(1);

    // A lead the rep lost is still theirs, but no longer open.
    assertThat(admin().post("/api/leads/" + lead.get("id").asText() + "/close",
        Map.of("result", "LOST", "reason", "NO_BUDGET")).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(manager.get("/api/reps/dir.e2e.rep").getBody().get("openLeads").asLong())
        .isZero();
  }

  @Test
  void aRepSetOutOfOfficeStopsGettingLeadsAtOnceAndGetsThemAgainAfterThePeriod() {
    Teams.exactly(directory, identity, "east-china", "dir.ooo.a", "dir.ooo.b");
    directory.ensureManager("dir.ooo.mgr", "M", "Test", null, Teams.PASSWORD, "east-china");
    ApiClient manager = as("dir.ooo.mgr");

    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    ResponseEntity<JsonNode> away = manager.put("/api/reps/dir.ooo.a", body(
        "outOfOfficeFrom", now.toString(),
        "outOfOfficeUntil", now.plus(Duration.ofDays(1)).toString()));
    assertThat(away.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(away.getBody().get("available").asBoolean()).isFalse();
    assertThat(away.getBody().get("active").asBoolean()).isTrue();
    assertThat(Instant.parse(away.getBody().get("outOfOfficeUntil").asText()))
        .isEqualTo(now.plus(Duration.ofDays(1)));

    for (int i = 0; i < 3; i++) {
      JsonNode lead = admin().post("/api/leads", SampleLeads.eastChina()).getBody();
      assertThat(lead.get("team").asText()).isEqualTo("east-china");
      assertThat(lead.get("owner").asText()).isEqualTo("dir.ooo.b");
      assertThat(lead.get("routing").get("assignment").asText())
          .contains("SKIPPED_OUT_OF_OFFICE: dir.ooo.a");
    }

    ResponseEntity<JsonNode> back = manager.put("/api/reps/dir.ooo.a", body(
        "outOfOfficeFrom", now.minus(Duration.ofDays(2)).toString(),
        "outOfOfficeUntil", now.minus(Duration.ofDays(1)).toString()));
    assertThat(back.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(back.getBody().get("available").asBoolean()).isTrue();

    // Round-robin continues after dir.ooo.b, the last one assigned: dir.ooo.a's turn at once.
    List<String> owners = java.util.stream.Stream.of(1, 2)
        .map(i -> admin().post("/api/leads", SampleLeads.eastChina()).getBody())
        .map(lead -> lead.get("owner").asText()).toList();
    assertThat(owners).containsExactly("dir.ooo.a", "dir.ooo.b");
  }

  @Test
  void aManagerSeesTheirTeamsAndSetsTheirRepsAvailabilityButNothingElse() {
    Teams.exactly(directory, identity, "dir-north", "dir.north.a", "dir.north.b");
    Teams.exactly(directory, identity, "dir-west", "dir.west.a");
    directory.ensureManager("dir.north.mgr", "N", "Manager", null, Teams.PASSWORD, "dir-north");
    ApiClient manager = as("dir.north.mgr");

    ResponseEntity<JsonNode> teams = manager.get("/api/teams");
    assertThat(teams.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(ids(teams)).containsExactly("dir-north");
    JsonNode north = manager.get("/api/teams/dir-north").getBody();
    assertThat(texts(north.get("managers"))).containsExactly("dir.north.mgr");
    assertThat(texts(north.get("reps"))).containsExactly("dir.north.a", "dir.north.b");
    assertThat(ids(manager.get("/api/reps"))).containsExactly("dir.north.a", "dir.north.b");
    assertThat(ids(manager.get("/api/reps?team=dir-north")))
        .containsExactly("dir.north.a", "dir.north.b");

    ResponseEntity<JsonNode> inactive = manager.put("/api/reps/dir.north.a",
        body("active", false));
    assertThat(inactive.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(inactive.getBody().get("active").asBoolean()).isFalse();
    assertThat(inactive.getBody().get("available").asBoolean()).isFalse();
    assertThat(directory.profile("dir.north.a").isActive()).isFalse();

    ResponseEntity<JsonNode> tooMuch = manager.put("/api/reps/dir.north.b",
        body("active", false, "weight", 5, "teams", List.of("dir-north", "dir-west")));
    assertRefused(tooMuch);
    assertThat(fields(tooMuch)).containsExactly("teams", "weight");
    RepProfile b = directory.profile("dir.north.b");
    assertThat(b.isActive()).isTrue();
    assertThat(b.getWeight()).isEqualTo(1);
    assertThat(directory.teamsOf("dir.north.b")).containsExactly("dir-north");

    // Another team's reps, teams and the team itself are not theirs.
    assertRefused(manager.get("/api/teams/dir-west"));
    assertRefused(manager.get("/api/reps?team=dir-west"));
    assertRefused(manager.get("/api/reps/dir.west.a"));
    assertRefused(manager.put("/api/reps/dir.west.a", body("active", false)));
    assertThat(directory.profile("dir.west.a").isActive()).isTrue();
    assertRefused(manager.put("/api/teams/dir-north", body("name", "Mine now")));
    assertThat(identity.createGroupQuery().groupId("dir-north").singleResult().getName())
        .isEqualTo("dir-north");
    assertRefused(manager.put("/api/reps/dir.north.new", body("firstName", "N",
        "lastName", "New", "password", "new-password", "teams", List.of("dir-north"))));
    assertThat(identity.createUserQuery().userId("dir.north.new").count()).isZero();
  }

  @Test
  void aRepChangesTheirOwnOutOfOfficeAndContactsOnly() {
    Teams.exactly(directory, identity, "dir-self", "dir.self.a", "dir.self.b");
    ApiClient rep = as("dir.self.a");

    ResponseEntity<JsonNode> me = rep.get("/api/reps/dir.self.a");
    assertThat(me.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(texts(me.getBody().get("teams"))).containsExactly("dir-self");

    Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ResponseEntity<JsonNode> changed = rep.put("/api/reps/dir.self.a", body(
        "outOfOfficeFrom", from.toString(), "outOfOfficeUntil", from.plus(Duration.ofHours(4))
            .toString(), "locale", "en", "mobile", "+86 138-0013-8077",
        "dingTalkUserId", "ding-self-a", "weComUserId", "wecom-self-a"));
    assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(changed.getBody().get("available").asBoolean()).isFalse();
    assertThat(changed.getBody().get("mobile").asText()).isEqualTo("+8613800138077");
    UserContact contact = contacts.find("dir.self.a").orElseThrow();
    assertThat(contact.getMobile()).isEqualTo("+8613800138077");
    assertThat(contact.getLocale()).isEqualTo("en");
    assertThat(contact.getDingTalkUserId()).isEqualTo("ding-self-a");
    assertThat(contact.getWeComUserId()).isEqualTo("wecom-self-a");
    assertThat(directory.profile("dir.self.a").getOutOfOfficeFrom()).isEqualTo(from);

    ResponseEntity<JsonNode> notTheirs = rep.put("/api/reps/dir.self.a",
        body("active", true, "weight", 9, "maxOpenLeads", 100, "password", "new-password"));
    assertRefused(notTheirs);
    assertThat(fields(notTheirs)).containsExactly("active", "maxOpenLeads", "password", "weight");
    assertThat(directory.profile("dir.self.a").getWeight()).isEqualTo(1);

    ResponseEntity<JsonNode> badMobile = rep.put("/api/reps/dir.self.a", body("mobile", "12"));
    assertThat(badMobile.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(fields(badMobile)).containsExactly("mobile");
    assertThat(contacts.find("dir.self.a").orElseThrow().getMobile()).isEqualTo("+8613800138077");

    // Back in the office: null clears the period.
    ResponseEntity<JsonNode> back = rep.put("/api/reps/dir.self.a",
        body("outOfOfficeFrom", null, "outOfOfficeUntil", null));
    assertThat(back.getBody().get("available").asBoolean()).isTrue();
    assertThat(back.getBody().get("outOfOfficeFrom").isNull()).isTrue();
    assertThat(back.getBody().get("locale").asText()).isEqualTo("en");

    // Not their colleague, nor the team, nor the directory.
    assertRefused(rep.get("/api/reps/dir.self.b"));
    assertRefused(rep.put("/api/reps/dir.self.b", body("outOfOfficeFrom", from.toString())));
    assertThat(directory.profile("dir.self.b").getOutOfOfficeFrom()).isNull();
    assertRefused(rep.get("/api/teams"));
    assertRefused(rep.get("/api/teams/dir-self"));
    assertRefused(rep.get("/api/reps"));
    assertRefused(rep.get("/api/reps?team=dir-self"));
    assertRefused(rep.put("/api/teams/dir-self", body("name", "Ours")));
  }

  @Test
  void refusesInvalidRepFieldsWithA400NamingEachAndWritesNothing() {
    Instant from = Instant.now();
    ResponseEntity<JsonNode> response = admin().put("/api/reps/dir.invalid", body(
        "firstName", " ", "password", "short", "email", "not-an-email",
        "teams", List.of("no-such-team", "camunda-admin"), "active", null,
        "outOfOfficeFrom", from.toString(),
        "outOfOfficeUntil", from.minus(Duration.ofHours(1)).toString(),
        "maxOpenLeads", -1, "weight", -2, "skills", List.of("MES", " "),
        "locale", "not a locale", "mobile", "12", "colour", "blue"));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(fields(response)).containsExactly("active", "colour", "email", "firstName",
        "lastName", "locale", "maxOpenLeads", "mobile", "outOfOfficeUntil", "password",
        "skills[1]", "teams[0]", "teams[1]", "weight");
    assertThat(response.getBody().toString()).doesNotContain("Exception");
    assertThat(identity.createUserQuery().userId("dir.invalid").count()).isZero();
    assertThat(directory.findProfile("dir.invalid")).isEmpty();

    ResponseEntity<JsonNode> noPassword = admin().put("/api/reps/dir.invalid",
        body("firstName", "I", "lastName", "Nvalid"));
    assertThat(noPassword.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(fields(noPassword)).containsExactly("password");

    ResponseEntity<JsonNode> untilAlone = admin().put("/api/reps/dir.invalid", body(
        "firstName", "I", "lastName", "Nvalid", "password", "long-enough",
        "outOfOfficeUntil", from.toString()));
    assertThat(fields(untilAlone)).containsExactly("outOfOfficeFrom");

    ResponseEntity<JsonNode> wrongType = admin().put("/api/reps/dir.invalid",
        body("weight", "heavy"));
    assertThat(wrongType.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(fields(wrongType)).containsExactly("weight");
    ResponseEntity<JsonNode> wrongTime = admin().put("/api/reps/dir.invalid",
        body("outOfOfficeFrom", "tomorrow"));
    assertThat(fields(wrongTime)).containsExactly("outOfOfficeFrom");

    ResponseEntity<JsonNode> badId = admin().put("/api/reps/bad!id", body("firstName", "B",
        "lastName", "Id", "password", "long-enough"));
    assertThat(badId.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(fields(badId)).containsExactly("userId");
    assertThat(identity.createUserQuery().userId("dir.invalid").count()).isZero();

    assertThat(admin().get("/api/reps/dir.nobody").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(admin().get("/api/reps?team=dir-nothing").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    // A user who is not a rep (no profile) is no rep.
    assertThat(admin().get("/api/reps/admin").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void refusesInvalidTeamsNamingTheFieldAndLeavesOtherGroupsAlone() {
    ResponseEntity<JsonNode> noName = admin().put("/api/teams/dir-new",
        body("managers", List.of()));
    assertThat(noName.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(fields(noName)).containsExactly("name");

    ResponseEntity<JsonNode> unknownManager = admin().put("/api/teams/dir-new", body(
        "name", "New", "managers", List.of("admin", "dir.nobody.here"), "strategy", "WEIGHTED"));
    assertThat(unknownManager.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(fields(unknownManager)).containsExactly("managers[1]", "strategy");
    assertThat(identity.createGroupQuery().groupId("dir-new").count()).isZero();

    ResponseEntity<JsonNode> badId = admin().put("/api/teams/bad!team", body("name", "Bad"));
    assertThat(fields(badId)).containsExactly("id");

    // camunda-admin is a group, not a team: it cannot be turned into one.
    ResponseEntity<JsonNode> system = admin().put("/api/teams/camunda-admin",
        body("name", "Team of admins"));
    assertThat(system.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(identity.createGroupQuery().groupId("camunda-admin").singleResult().getType())
        .isNotEqualTo(TeamDirectory.TEAM_GROUP_TYPE);
    assertThat(admin().get("/api/teams/camunda-admin").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(admin().get("/api/teams/dir-nothing").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void teamsAndUsersMadeInCamundaAdminShowUpAndTheApiSetsManagersAndTeamsExactly() {
    // What Camunda Admin does: a group of type team, users, a membership.
    if (identity.createGroupQuery().groupId("dir-admin-made").count() == 0) {
      Group group = identity.newGroup("dir-admin-made");
      group.setName("Made in Admin");
      group.setType(TeamDirectory.TEAM_GROUP_TYPE);
      identity.saveGroup(group);
    }
    for (String id : List.of("dir.am.m1", "dir.am.m2", "dir.am.rep")) {
      directory.ensureUser(id, id, "Admin-made", null, Teams.PASSWORD);
    }
    directory.ensureMember("dir.am.rep", "dir-admin-made");
    directory.ensureTeam("dir-other", "Other");

    assertThat(ids(admin().get("/api/teams"))).contains("dir-admin-made", "dir-other");
    JsonNode made = admin().get("/api/teams/dir-admin-made").getBody();
    assertThat(made.get("name").asText()).isEqualTo("Made in Admin");
    assertThat(texts(made.get("reps"))).isEmpty(); // a member without a profile is no rep yet

    ResponseEntity<JsonNode> both = admin().put("/api/teams/dir-admin-made",
        body("managers", List.of("dir.am.m1", "dir.am.m2")));
    assertThat(both.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(both.getBody().get("name").asText()).isEqualTo("Made in Admin");
    assertThat(texts(both.getBody().get("managers"))).containsExactly("dir.am.m1", "dir.am.m2");

    ResponseEntity<JsonNode> one = admin().put("/api/teams/dir-admin-made",
        body("name", "Renamed", "managers", List.of("dir.am.m2")));
    assertThat(one.getBody().get("name").asText()).isEqualTo("Renamed");
    assertThat(texts(one.getBody().get("managers"))).containsExactly("dir.am.m2");
    assertThat(directory.teamsOf("dir.am.m1")).isEmpty();
    // Left in leadflow-managers, where rights given in Camunda Admin may hang; no team, no leads.
    assertThat(identity.createUserQuery().userId("dir.am.m1")
        .memberOfGroup(Caller.MANAGERS).count()).isOne();
    assertThat(as("dir.am.m1").get("/api/teams").getBody()).isEmpty();

    // The user made in Admin becomes a rep: no password needed, the user exists.
    ResponseEntity<JsonNode> rep = admin().put("/api/reps/dir.am.rep", body(
        "teams", List.of("dir-admin-made", "dir-other"), "maxOpenLeads", 5, "weight", 3,
        "skills", List.of("ERP", "MES", "ERP"), "regions", List.of("上海市")));
    assertThat(rep.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(rep.getBody().get("firstName").asText()).isEqualTo("dir.am.rep");
    assertThat(texts(rep.getBody().get("teams"))).containsExactly("dir-admin-made", "dir-other");
    assertThat(texts(rep.getBody().get("skills"))).containsExactly("ERP", "MES");
    assertThat(rep.getBody().get("maxOpenLeads").asInt()).isEqualTo(5);
    assertThat(texts(admin().get("/api/teams/dir-admin-made").getBody().get("reps")))
        .containsExactly("dir.am.rep");
    assertThat(ids(admin().get("/api/reps"))).contains("dir.am.rep");

    ResponseEntity<JsonNode> moved = admin().put("/api/reps/dir.am.rep", body(
        "teams", List.of("dir-other"), "lastName", "Moved", "password", "a-new-password"));
    assertThat(moved.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(texts(moved.getBody().get("teams"))).containsExactly("dir-other");
    assertThat(texts(moved.getBody().get("skills"))).containsExactly("ERP", "MES"); // kept
    assertThat(moved.getBody().get("weight").asInt()).isEqualTo(3);
    assertThat(moved.getBody().get("lastName").asText()).isEqualTo("Moved");
    assertThat(ids(admin().get("/api/reps?team=dir-other"))).containsExactly("dir.am.rep");
    assertThat(ids(admin().get("/api/reps?team=dir-admin-made"))).isEmpty();
    assertThat(identity.checkPassword("dir.am.rep", "a-new-password")).isTrue();
  }
}
