package io.leadflow.system;

import static io.leadflow.support.HostileJson.listOf;
import static io.leadflow.support.HostileJson.numbers;
import static io.leadflow.support.HostileJson.quote;
import static io.leadflow.support.HostileJson.texts;
import static io.leadflow.support.HostileJson.times;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.LeadFlowApplication;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.support.HostileJson;
import io.leadflow.support.Postgres;
import io.leadflow.support.Teams;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Property-based: no generated request gets a 5xx or a stack trace from LeadFlow's API. At least
 * 1,000 generated bodies per write endpoint (wrong types, control characters and lone surrogates
 * in every text, texts and lists past every limit, numbers and times beyond any range, bodies
 * that are no JSON object or no JSON, multipart and wildcard content types), and hostile query
 * parameters and path segments for the reads. Against PostgreSQL, which, unlike H2, refuses NUL
 * characters and times outside its range: what the checks must keep from it. The application
 * runs on its own (jqwik has no Spring extension) with an engine of its own name.
 */
@AddLifecycleHook(ApiFuzzTest.NeedsPostgres.class)
class ApiFuzzTest {

  static final int TRIES = 1000;
  static final String ADMIN = "admin:admin-test-password";

  static ConfigurableApplicationContext app;
  static HttpClient http;
  static String base;
  static List<Long> leads = new ArrayList<>();
  static final ObjectMapper JSON = new ObjectMapper();

  /** Skipped without PostgreSQL outside CI, as every PostgreSQL test. */
  static final class NeedsPostgres implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      return Postgres.availableOrCi() ? SkipResult.doNotSkip()
          : SkipResult.skip("no PostgreSQL at " + Postgres.URL);
    }
  }

  @BeforeContainer
  static void start() throws Exception {
    app = new SpringApplicationBuilder(LeadFlowApplication.class)
        .profiles("postgres", "pgtest")
        .properties("server.port=0", "camunda.bpm.process-engine-name=fuzz")
        .run();
    base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Teams.exactly(app.getBean(TeamDirectory.class), app.getBean(IdentityService.class),
        "fuzz-team", "fuzz.a", "fuzz.b");
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> created = send("POST", "/api/leads", "application/json",
          "{\"source\":\"API\",\"email\":\"" + UUID.randomUUID() + "@fuzz.example\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      leads.add(JSON.readTree(created.body()).get("id").asLong());
    }
  }

  @AfterContainer
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  static HttpResponse<String> send(String method, String path, String contentType, String body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Basic "
            + Base64.getEncoder().encodeToString(ADMIN.getBytes(StandardCharsets.UTF_8)));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The request's answer is no server error and shows no stack trace. */
  static void assertHeld(String method, String path, String contentType, String body)
      throws Exception {
    HttpResponse<String> response = send(method, path, contentType, body);
    assertThat(response.statusCode())
        .as("%s %s (%s) %s -> %s", method, path, contentType, clip(body), response.body())
        .isBetween(200, 499);
    assertThat(response.body()).as("%s %s", method, path)
        .doesNotContain("Exception", "\tat ", "at io.leadflow", "at org.");
  }

  static String clip(String body) {
    return body == null || body.length() < 2000 ? body : body.substring(0, 2000) + "...";
  }

  // --- the write endpoints ---------------------------------------------------------------------

  @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
  void intake(@ForAll("leadBodies") String body, @ForAll("contentTypes") String type)
      throws Exception {
    assertHeld("POST", "/api/leads", type, body);
  }

  @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
  void activities(@ForAll("leadPaths") String lead, @ForAll("activitiesBodies") String body,
      @ForAll("contentTypes") String type) throws Exception {
    assertHeld("POST", lead + "/activities", type, body);
  }

  @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
  void contacts(@ForAll("leadPaths") String lead, @ForAll("contactBodies") String body,
      @ForAll("contentTypes") String type) throws Exception {
    assertHeld("POST", lead + "/contacts", type, body);
  }

  @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
  void tags(@ForAll("leadPaths") String lead, @ForAll("tagBodies") String body,
      @ForAll("contentTypes") String type) throws Exception {
    assertHeld("POST", lead + "/tags", type, body);
  }

  @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
  void close(@ForAll("leadPaths") String lead, @ForAll("closeBodies") String body,
      @ForAll("contentTypes") String type) throws Exception {
    assertHeld("POST", lead + "/close", type, body);
  }

  @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
  void reassign(@ForAll("leadPaths") String lead, @ForAll("reassignBodies") String body,
      @ForAll("contentTypes") String type) throws Exception {
    assertHeld("POST", lead + "/reassign", type, body);
  }

  @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
  void claim(@ForAll("ids") String lead, @ForAll("contentTypes") String type,
      @ForAll("anyBodies") String body) throws Exception {
    assertHeld("POST", "/api/pool/" + lead + "/claim", type, body);
  }

  @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
  void putRep(@ForAll("ids") String user, @ForAll("repBodies") String body,
      @ForAll("contentTypes") String type) throws Exception {
    assertHeld("PUT", "/api/reps/" + user, type, body);
  }

  @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
  void putTeam(@ForAll("ids") String team, @ForAll("teamBodies") String body,
      @ForAll("contentTypes") String type) throws Exception {
    assertHeld("PUT", "/api/teams/" + team, type, body);
  }

  @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
  void apiKeys(@ForAll("keyBodies") String body, @ForAll("contentTypes") String type,
      @ForAll("ids") String name) throws Exception {
    assertHeld("POST", "/api/api-keys", type, body);
    assertHeld("DELETE", "/api/api-keys/" + name, null, null);
  }

  /** The reads, with hostile query parameters and path segments. */
  @Property(tries = TRIES / 2, shrinking = ShrinkingMode.BOUNDED)
  void reads(@ForAll("texts") String value, @ForAll("ids") String id,
      @ForAll("readPaths") String path) throws Exception {
    assertHeld("GET", path.replace("{q}", URLEncoder.encode(value, StandardCharsets.UTF_8))
        .replace("{id}", id), null, null);
  }

  // --- generators ----------------------------------------------------------------------------

  @Provide
  Arbitrary<String> texts() {
    return HostileJson.texts();
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return HostileJson.contentTypes();
  }

  @Provide
  Arbitrary<String> readPaths() {
    return Arbitraries.of("/api/leads?team={q}", "/api/leads?owner={q}&stage={q}",
        "/api/leads?page={q}&size={q}&needsAttention={q}", "/api/reps?team={q}",
        "/api/pool?page={q}&size={q}", "/api/leads/{id}", "/api/reps/{id}", "/api/teams/{id}",
        "/api/teams?{q}={q}", "/api/me?{q}={q}", "/api/api-keys?{q}", "/api/rules/{q}/versions",
        "/api/rules/LeadRouting/versions/{q}/diff/{q}", "/api/rules/{q}/versions/1/diff/2",
        "/api/reports/funnel?from={q}&to={q}&groupBy={q}", "/api/reports/{id}?source={q}",
        "/api/reports/fairness?team={q}&rep={q}", "/api/reports/trend?to={q}&format=csv");
  }

  @Provide
  Arbitrary<String> anyBodies() {
    return HostileJson.bodies(Map.of());
  }

  /** Path segments: existing ids mostly, else anything, percent-encoded. */
  @Provide
  Arbitrary<String> ids() {
    return HostileJson.weighted(
        HostileJson.w(3, Arbitraries.of(leads).map(String::valueOf)),
        HostileJson.w(1, Arbitraries.of("fuzz.a", "fuzz-team", "admin", "-1", "0",
            "99999999999999999999", "%00", "%2e%2e", "x%0Ay", "%ED%A0%80")),
        HostileJson.w(2, HostileJson.texts().filter(t -> !t.isEmpty())
            .map(t -> URLEncoder.encode(t, StandardCharsets.UTF_8).replace("+", "%20"))));
  }

  @Provide
  Arbitrary<String> leadPaths() {
    return ids().map(id -> "/api/leads/" + id);
  }

  static Arbitrary<String> codes(String... codes) {
    return Arbitraries.of(codes).map(HostileJson::quote);
  }

  static Arbitrary<String> activity() {
    Map<String, Arbitrary<String>> fields = new LinkedHashMap<>();
    fields.put("type", codes("WEBSITE_VISIT", "PRICING_PAGE_VIEW", "WEBINAR_ATTENDED", "NOPE"));
    fields.put("at", times());
    return HostileJson.bodies(fields);
  }

  @Provide
  Arbitrary<String> leadBodies() {
    Map<String, Arbitrary<String>> fields = new LinkedHashMap<>();
    fields.put("source", codes("API", "WEBSITE_FORM", "PARTNER_REFERRAL", "FAX"));
    fields.put("email", Arbitraries.oneOf(
        Arbitraries.create(() -> quote(UUID.randomUUID() + "@fuzz.example")), texts().map(HostileJson::quote)));
    fields.put("phone", Arbitraries.oneOf(
        Arbitraries.integers().between(10000000, 99999999).map(n -> quote("138" + n)),
        texts().map(HostileJson::quote)));
    for (String text : List.of("externalId", "name", "company", "title", "region", "city",
        "industry", "product")) {
      fields.put(text, texts().map(HostileJson::quote));
    }
    fields.put("decisionMaker", Arbitraries.of("true", "false", "\"yes\""));
    fields.put("companySize", numbers());
    fields.put("budget", numbers());
    fields.put("tags", listOf(texts().map(HostileJson::quote), 60));
    fields.put("activities", listOf(activity(), 5));
    fields.put("attributes", Arbitraries.maps(texts(), HostileJson.values(1)).ofMaxSize(5)
        .map(HostileJson::object));
    return HostileJson.bodies(fields);
  }

  @Provide
  Arbitrary<String> activitiesBodies() {
    return HostileJson.bodies(Map.of("activities", listOf(activity(), 5),
        "type", codes("WEBSITE_VISIT", "NOPE"), "at", times()));
  }

  @Provide
  Arbitrary<String> contactBodies() {
    return HostileJson.bodies(Map.of("channel", codes("CALL", "VISIT", "WECHAT", "FAX"),
        "notes", texts().map(HostileJson::quote), "at", times()));
  }

  @Provide
  Arbitrary<String> tagBodies() {
    return HostileJson.bodies(Map.of("tags", listOf(texts().map(HostileJson::quote), 60)));
  }

  @Provide
  Arbitrary<String> closeBodies() {
    return HostileJson.bodies(Map.of("result", codes("WON", "LOST", "MAYBE"),
        "amount", numbers(), "reason", codes("NO_BUDGET", "OTHER", "BORED"),
        "notes", texts().map(HostileJson::quote)));
  }

  @Provide
  Arbitrary<String> reassignBodies() {
    return HostileJson.bodies(Map.of("to", codes("fuzz.a", "fuzz.b", "admin", "nobody"),
        "reason", texts().map(HostileJson::quote)));
  }

  @Provide
  Arbitrary<String> repBodies() {
    Map<String, Arbitrary<String>> fields = new LinkedHashMap<>();
    for (String text : List.of("firstName", "lastName", "email", "password", "locale", "mobile",
        "dingTalkUserId", "weComUserId")) {
      fields.put(text, texts().map(HostileJson::quote));
    }
    fields.put("teams", listOf(codes("fuzz-team", "nope"), 5));
    fields.put("active", Arbitraries.of("true", "false"));
    fields.put("outOfOfficeFrom", times());
    fields.put("outOfOfficeUntil", times());
    fields.put("maxOpenLeads", numbers());
    fields.put("weight", numbers());
    fields.put("skills", listOf(texts().map(HostileJson::quote), 40));
    fields.put("regions", listOf(texts().map(HostileJson::quote), 40));
    return HostileJson.bodies(fields);
  }

  @Provide
  Arbitrary<String> teamBodies() {
    return HostileJson.bodies(Map.of("name", texts().map(HostileJson::quote),
        "managers", listOf(codes("fuzz.a", "admin", "nobody"), 5)));
  }

  @Provide
  Arbitrary<String> keyBodies() {
    return HostileJson.bodies(Map.of("name", texts().map(HostileJson::quote)));
  }
}
