package io.leadflow.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault suite: LeadFlow as operators run it, two servers (separate JVMs from the packaged
 * jar, on loopback) on one PostgreSQL of the suite's own, the notification providers a WireMock
 * on loopback, and the faults made for real: a second node, a provider slower than the job lock,
 * the database stopped for 20 s under load, and kill -9 under concurrent intake. Timers are run
 * by moving their due date, never by waiting for an SLA. Each step prints its figures (also to
 * target/fault-suite-figures.txt; docs/faults.md keeps those of a run). Runs in Maven's verify
 * phase after the jar is packaged (Failsafe); it needs PostgreSQL 15's server binaries, and in
 * CI it fails rather than skip without them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

  /** Job locks expire after 10 s; each HTTP call of a channel ends within 9 s. */
  static final int LOCK_MILLIS = 10_000;
  static final int PROVIDER_DELAY_MILLIS = 2000;
  static final int OUTAGE_SECONDS = 20;
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path FIGURES = Path.of("target", "fault-suite-figures.txt");

  static OwnPostgres postgres;
  static WireMockServer providers;
  static Node a;
  static Node b;
  static Ledger ledger;
  static HttpClient http;
  static final List<Long> twoNodeLeads = new ArrayList<>();

  @BeforeAll
  static void startEverything() throws Exception {
    if (System.getenv("CI") == null) {
      Assumptions.assumeTrue(OwnPostgres.installed(), "PostgreSQL 15 binaries not installed");
    }
    Files.deleteIfExists(FIGURES);
    Path logs = Files.createDirectories(Path.of("target", "fault-suite"));
    postgres = OwnPostgres.create();
    ledger = new Ledger(postgres);
    providers = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
        .containerThreads(40));
    providers.start();
    stubProviders(0);
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    // The first node migrates the schema and deploys the models; then the second joins.
    a = Node.start("node-a", postgres, settings(), logs);
    a.awaitReady(Duration.ofMinutes(4));
    b = Node.start("node-b", postgres, settings(), logs);
    b.awaitReady(Duration.ofMinutes(4));
    figure("setup", "PostgreSQL on 127.0.0.1:%d (%s), node-a pid %d on %d, node-b pid %d on %d,"
        + " providers on %d", postgres.port, postgres.dir, a.pid(), a.port, b.pid(), b.port,
        providers.port());
  }

  @AfterAll
  static void stopEverything() throws Exception {
    for (Node node : new Node[] {a, b}) {
      if (node != null) {
        node.stop(Duration.ofSeconds(60));
      }
    }
    if (providers != null) {
      providers.stop();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  static Map<String, String> settings() {
    String base = "http://127.0.0.1:" + providers.port();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("camunda.bpm.job-execution.lock-time-in-millis", String.valueOf(LOCK_MILLIS));
    settings.put("camunda.bpm.job-execution.wait-time-in-millis", "500");
    settings.put("camunda.bpm.job-execution.max-wait", "1500");
    settings.put("camunda.bpm.job-execution.core-pool-size", "4");
    settings.put("camunda.bpm.job-execution.max-pool-size", "4");
    settings.put("spring.datasource.hikari.maximum-pool-size", "12");
    settings.put("leadflow.notifications.connect-timeout", "1s");
    settings.put("leadflow.notifications.read-timeout", "8s");
    settings.put("leadflow.notifications.sms.enabled", "true");
    settings.put("leadflow.notifications.sms.url", base + "/sms");
    settings.put("leadflow.notifications.sms.sign-name", "LeadFlow");
    for (String event : List.of("lead-assigned", "sla-reminder", "lead-reclaimed", "lead-claimed",
        "no-eligible-rep", "needs-attention", "collaboration-done")) {
      settings.put("leadflow.notifications.sms.templates." + event, "SMS_" + event);
    }
    settings.put("leadflow.notifications.dingtalk.enabled", "true");
    settings.put("leadflow.notifications.dingtalk.robots.default.webhook",
        base + "/dingtalk?access_token=fault-suite-token");
    settings.put("leadflow.notifications.wecom.enabled", "true");
    settings.put("leadflow.notifications.wecom.robots.default.webhook",
        base + "/wecom?key=fault-suite-key");
    return settings;
  }

  /** The three providers, answering after this delay. */
  static void stubProviders(int delayMillis) {
    providers.resetMappings();
    providers.stubFor(post(urlPathEqualTo("/sms")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"code\":\"OK\"}")
        .withFixedDelay(delayMillis)));
    for (String robot : List.of("/dingtalk", "/wecom")) {
      providers.stubFor(post(urlPathEqualTo(robot)).willReturn(aResponse().withStatus(200)
          .withHeader("Content-Type", "application/json")
          .withBody("{\"errcode\":0,\"errmsg\":\"ok\"}").withFixedDelay(delayMillis)));
    }
  }

  // --- the faults ------------------------------------------------------------------------------

  /**
   * Two nodes: concurrent intake alternating between them keeps round-robin exact (max - min
   * at most 1) and weighted exact (2:1:1), and each notification goes out once.
   */
  @Test
  @Order(1)
  void twoNodesKeepAssignmentExactAndSendEachNotificationOnce() throws Exception {
    int perTeam = 60;
    List<Map<String, Object>> bodies = new ArrayList<>();
    for (int i = 0; i < perTeam; i++) {
      bodies.add(eastChina());
      bodies.add(strategic());
    }
    List<Result> results = postAll(bodies, i -> i % 2 == 0 ? a : b, 8);
    assertThat(results).allSatisfy(r -> assertThat(r.status).as(r.toString()).isEqualTo(201));
    List<Long> ids = ids(results);
    twoNodeLeads.addAll(ids);

    Map<String, Long> eastChina = owners(ids, "east-china");
    Map<String, Long> strategic = owners(ids, "strategic");
    assertThat(eastChina.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(perTeam);
    assertThat(eastChina).hasSize(3);
    assertThat(max(eastChina) - min(eastChina)).as("round-robin %s", eastChina).isLessThanOrEqualTo(1);
    assertThat(strategic).as("weighted 2:1:1").isEqualTo(
        Map.of("zhang.wei", 30L, "li.na", 15L, "wang.fang", 15L));

    awaitDelivered(ids, Duration.ofMinutes(3));
    assertThat(ledger.problems(ids)).isEmpty();
    Deliveries deliveries = exactlyOnce(ids);
    figure("two nodes", "leads sent %d, 201s %d (node-a %d, node-b %d), rows %d, processes %d,"
            + " SLA timers %d; round-robin %s, weighted %s; deliveries %d, provider requests %d",
        bodies.size(), ids.size(), results.stream().filter(r -> r.node == a).count(),
        results.stream().filter(r -> r.node == b).count(),
        ledger.count("select count(*) from leads where id in " + Ledger.in(ids)),
        ledger.processes(ids), ledger.slaTimers(ids), eastChina, strategic, deliveries.rows,
        deliveries.requests);
  }

  /**
   * Each SLA timer fires once, on whichever node acquires it, and each notification of the
   * reclaim goes out once, also when the providers answer so slowly that the job sending them
   * (six calls of two seconds each) runs longer than its lock: the lock expires, Camunda runs the
   * job again, and the delivery records make that run send nothing twice.
   */
  @Test
  @Order(2)
  void slaTimersFireOnceAndASlowProviderSendsNothingTwice() throws Exception {
    List<Long> due = twoNodeLeads.stream().filter(id -> {
      try {
        return ledger.count("select count(*) from leads where id = ? and team = 'east-china'",
            id) == 1;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).limit(12).toList();
    assertThat(due).hasSize(12);
    stubProviders(PROVIDER_DELAY_MILLIS);
    long reRunsBefore = reRuns();
    int timers = ledger.update("update act_ru_job set duedate_ = now() - interval '1 second'"
        + " where job_def_id_ in (select id_ from act_ru_jobdef where act_id_ = 'Timer_FollowUpSla')"
        + " and process_instance_id_ in (select process_instance_id from leads where id in "
        + Ledger.in(due) + ")");
    assertThat(timers).isEqualTo(due.size());

    awaitTrue(Duration.ofMinutes(3), "every due SLA timer fired", () -> ledger.count(
        "select count(distinct lead_id) from lead_history where event = 'RECLAIMED'"
            + " and lead_id in " + Ledger.in(due)) == due.size());
    awaitDelivered(due, Duration.ofMinutes(4));
    stubProviders(0);

    assertThat(ledger.count("select count(*) from lead_history where event = 'RECLAIMED'"
        + " and lead_id in " + Ledger.in(due))).as("each SLA timer fired once").isEqualTo(due.size());
    assertThat(ledger.count("select count(*) from notifications where event = 'LEAD_RECLAIMED'"
        + " and lead_id in " + Ledger.in(due))).isEqualTo(due.size());
    assertThat(ledger.slaTimers(due)).isZero();
    assertThat(ledger.problems(due)).isEmpty();
    Deliveries deliveries = exactlyOnce(twoNodeLeads);
    long slowJobs = sendingJobsLongerThanTheLock(due);
    long reRuns = reRuns() - reRunsBefore;
    figure("SLA timers, slow provider", "timers made due %d, fired %d (each once), pooled %d;"
            + " providers answering after %d ms, job lock %d ms: sending jobs longer than the"
            + " lock %d, job runs that lost to a re-run %d; deliveries %d, provider requests %d",
        timers, ledger.count("select count(*) from lead_history where event = 'RECLAIMED'"
            + " and lead_id in " + Ledger.in(due)),
        ledger.count("select count(*) from leads where pooled and id in " + Ledger.in(due)),
        PROVIDER_DELAY_MILLIS, LOCK_MILLIS, slowJobs, reRuns, deliveries.rows,
        deliveries.requests);
    assertThat(slowJobs).as("sending jobs that ran longer than their lock").isPositive();
  }

  /**
   * PostgreSQL stopped for 20 s under load: the nodes answer 503 with Retry-After within
   * seconds, readiness says so, they recover by themselves when it is back, and nothing is
   * half-written.
   */
  @Test
  @Order(3)
  void aDatabaseOutageIsAFast503AndTheNodesRecoverByThemselves() throws Exception {
    ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
    AtomicBoolean running = new AtomicBoolean(true);
    long[] window = new long[2];
    ExecutorService load = Executors.newFixedThreadPool(4);
    List<Future<?>> clients = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Node node = t % 2 == 0 ? a : b;
      clients.add(load.submit(() -> {
        while (running.get()) {
          results.add(postLead(node, eastChina()));
          sleep(150);
        }
        return null;
      }));
    }
    sleep(4000);
    postgres.stop();
    window[0] = System.nanoTime();
    sleep(OUTAGE_SECONDS * 500L);
    HttpResponse<String> readiness = get(a, "/actuator/health/readiness");
    sleep(OUTAGE_SECONDS * 500L);
    window[1] = System.nanoTime();
    postgres.start();
    long restarted = System.nanoTime();
    awaitTrue(Duration.ofMinutes(2), "both nodes take leads again", () -> results.stream()
        .filter(r -> r.started > restarted && r.status == 201).map(r -> r.node).distinct()
        .count() == 2);
    sleep(3000);
    running.set(false);
    for (Future<?> client : clients) {
      client.get(2, TimeUnit.MINUTES);
    }
    load.shutdown();

    List<Result> all = new ArrayList<>(results);
    List<Result> during = all.stream()
        .filter(r -> r.started > window[0] && r.started + r.nanos < window[1]).toList();
    assertThat(all).allSatisfy(r -> assertThat(r.status).as(r.toString()).isIn(201, 503));
    assertThat(during).isNotEmpty().allSatisfy(r -> {
      assertThat(r.status).as(r.toString()).isEqualTo(503);
      assertThat(r.retryAfter).isNotBlank();
      assertThat(r.nanos).isLessThan(Duration.ofSeconds(6).toNanos());
    });
    assertThat(readiness.statusCode()).isEqualTo(503);
    assertThat(get(a, "/actuator/health/readiness").statusCode()).isEqualTo(200);
    assertThat(get(b, "/actuator/health/readiness").statusCode()).isEqualTo(200);

    List<Long> created = ids(all.stream().filter(r -> r.status == 201).toList());
    List<String> refusedEmails = all.stream().filter(r -> r.status == 503).map(r -> r.email)
        .toList();
    assertThat(ledger.problems(created)).isEmpty();
    assertThat(ledger.count("select count(*) from leads where email in ("
        + refusedEmails.stream().map(e -> "'" + e + "'").collect(Collectors.joining(","))
        + ")")).as("rows of leads answered 503").isZero();
    long recovery = all.stream().filter(r -> r.started > restarted && r.status == 201)
        .mapToLong(r -> r.started + r.nanos - restarted).min().orElseThrow();
    figure("database outage", "leads sent %d, 201s %d, 503s %d (%d while the database was down,"
            + " slowest %d ms, every one with Retry-After), rows %d, processes %d, SLA timers"
            + " %d; readiness 503 while down; first 201 %d ms after the database was back",
        all.size(), created.size(), refusedEmails.size(), during.size(),
        during.stream().mapToLong(r -> r.nanos).max().orElse(0) / 1_000_000,
        ledger.count("select count(*) from leads where id in " + Ledger.in(created)),
        ledger.processes(created), ledger.slaTimers(created), recovery / 1_000_000);
  }

  /**
   * kill -9 of a node under concurrent intake loses nothing: every lead answered 201 is whole,
   * nothing is half-written, and the jobs the dead node had locked (its notifications, slowed
   * down so that some are under way) run on the other node once their locks expire.
   */
  @Test
  @Order(4)
  void killMinus9UnderConcurrentIntakeLosesNothing() throws Exception {
    String lockOwnerOfB = JSON.readTree(getAsAdmin(b, "/actuator/health/readiness").body())
        .at("/components/jobExecution/details/lockOwner").asText();
    assertThat(lockOwnerOfB).isNotBlank();
    ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
    int requestsBefore = providers.getAllServeEvents().size();
    stubProviders(PROVIDER_DELAY_MILLIS);
    ExecutorService load = Executors.newFixedThreadPool(8);
    List<Future<?>> clients = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int client = t;
      clients.add(load.submit(() -> {
        // Each client posts until the node is gone: its last request is the one the kill cut.
        for (int i = 0; ; i++) {
          Result result = postLead(a, (client + i) % 2 == 0 ? eastChina() : strategic());
          results.add(result);
          if (result.status == -1) {
            return null;
          }
        }
      }));
    }
    awaitTrue(Duration.ofMinutes(1), "node-a takes leads", () -> results.stream()
        .filter(r -> r.status == 201).count() >= 40);
    long pid = a.pid();
    a.kill();
    long killed = System.nanoTime();
    stubProviders(0);
    List<String> lockedByA = ledger.strings("select id_ from act_ru_job"
        + " where lock_owner_ is not null and lock_owner_ <> '" + lockOwnerOfB + "'"
        + " and lock_exp_time_ > now()");
    for (Future<?> client : clients) {
      client.get(2, TimeUnit.MINUTES);
    }
    load.shutdown();
    assertThat(a.alive()).isFalse();

    List<Result> all = new ArrayList<>(results);
    List<Long> created = ids(all.stream().filter(r -> r.status == 201).toList());
    assertThat(all).allSatisfy(r -> assertThat(r.status).as(r.toString()).isIn(201, -1));
    assertThat(lockedByA).as("jobs node-a had locked when it was killed").isNotEmpty();
    String locked = lockedByA.stream().map(id -> "'" + id + "'")
        .collect(Collectors.joining(","));
    awaitTrue(Duration.ofMinutes(2), "node-b ran the jobs node-a had locked", () ->
        ledger.count("select count(*) from act_ru_job where id_ in (" + locked + ")") == 0);
    long ranAfter = (System.nanoTime() - killed) / 1_000_000;
    awaitDelivered(created, Duration.ofMinutes(3));
    assertThat(ledger.problems(created)).isEmpty();
    long rowsWithout201 = ledger.count("select count(*) from leads where email in ("
        + all.stream().filter(r -> r.status != 201).map(r -> "'" + r.email + "'")
            .collect(Collectors.joining(",", "", ",''")) + ")");
    long sent = ledger.count("select count(*) from notification_deliveries where status = 'SENT'"
        + " and lead_id in " + Ledger.in(created));
    long requests = providers.getAllServeEvents().size() - requestsBefore;
    figure("kill -9", "node-a (pid %d) killed under 8 concurrent clients: leads sent %d, 201s %d,"
            + " cut off by the kill %d (of which committed before it: %d, whole), rows %d,"
            + " processes %d, SLA timers %d; jobs node-a had locked %d, all run by node-b"
            + " %d ms after the kill (lock %d ms); deliveries %d, provider requests %d (sends"
            + " under way at the kill, which went again: %d)",
        pid, all.size(), created.size(), all.size() - created.size(), rowsWithout201,
        ledger.count("select count(*) from leads where id in " + Ledger.in(created)),
        ledger.processes(created), ledger.slaTimers(created), lockedByA.size(), ranAfter,
        LOCK_MILLIS, sent, requests, requests - sent);
    assertThat(ledger.orphans()).isEmpty();
  }

  /** SIGTERM: node-b shuts down gracefully, the job executor's acquisition after the web server. */
  @Test
  @Order(5)
  void aGracefulShutdownStopsTheWebServerThenTheJobExecutor() throws Exception {
    long started = System.nanoTime();
    b.stop(Duration.ofSeconds(90));
    assertThat(b.alive()).isFalse();
    String log = b.logText();
    int web = log.indexOf("Graceful shutdown complete");
    int jobs = log.indexOf("the job executor stops acquiring jobs");
    assertThat(web).as("graceful shutdown of the web server").isPositive();
    assertThat(jobs).as("job executor stopped after it").isGreaterThan(web);
    figure("graceful shutdown", "node-b stopped by SIGTERM in %d ms: web server drained, then"
        + " the job executor", (System.nanoTime() - started) / 1_000_000);
  }

  // --- helpers ---------------------------------------------------------------------------------

  record Result(Node node, String email, int status, String body, String retryAfter,
      long started, long nanos) {
    @Override
    public String toString() {
      return node.name + " " + status + " in " + nanos / 1_000_000 + " ms: " + body;
    }
  }

  static Map<String, Object> eastChina() {
    return lead("WEBSITE_TRIAL", "上海市浦东新区", "decisionMaker", true, "companySize", 800,
        "budget", 1_500_000, "activities", List.of(Map.of("type", "PRICING_PAGE_VIEW"),
            Map.of("type", "CASE_STUDY_DOWNLOAD")));
  }

  static Map<String, Object> strategic() {
    return lead("PARTNER_REFERRAL", "北京", "decisionMaker", true, "companySize", 2000,
        "industry", "金融", "budget", 5_000_000, "activities", List.of(
            Map.of("type", "PRICING_PAGE_VIEW"), Map.of("type", "WEBSITE_VISIT"),
            Map.of("type", "WEBSITE_VISIT")));
  }

  static Map<String, Object> lead(String source, String region, Object... more) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("source", source);
    body.put("name", "故障测试");
    body.put("email", UUID.randomUUID() + "@faults.example");
    body.put("region", region);
    for (int i = 0; i + 1 < more.length; i += 2) {
      body.put((String) more[i], more[i + 1]);
    }
    return body;
  }

  /** Posts a lead with the API key; status -1 when the connection broke (a killed node). */
  static Result postLead(Node node, Map<String, Object> body) {
    long started = System.nanoTime();
    String email = (String) body.get("email");
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
              URI.create(node.url("/api/leads"))).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json").header("X-API-Key", Node.API_KEY)
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body),
              StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
      return new Result(node, email, response.statusCode(), response.body(),
          response.headers().firstValue("Retry-After").orElse(null), started,
          System.nanoTime() - started);
    } catch (IOException | InterruptedException broken) {
      return new Result(node, email, -1, broken.toString(), null, started,
          System.nanoTime() - started);
    }
  }

  static List<Result> postAll(List<Map<String, Object>> bodies, Function<Integer, Node> nodeOf,
      int clients) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<Result>> futures = new ArrayList<>();
      for (int i = 0; i < bodies.size(); i++) {
        Node node = nodeOf.apply(i);
        Map<String, Object> body = bodies.get(i);
        futures.add(pool.submit(() -> postLead(node, body)));
      }
      List<Result> results = new ArrayList<>();
      for (Future<Result> future : futures) {
        results.add(future.get(3, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  static List<Long> ids(Collection<Result> created) {
    return created.stream().map(r -> {
      try {
        return JSON.readTree(r.body).get("id").asLong();
      } catch (IOException e) {
        throw new IllegalStateException(r.body, e);
      }
    }).toList();
  }

  static HttpResponse<String> getAsAdmin(Node node, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(node.url(path)))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder()
            .encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8)))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(Node node, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(node.url(path)))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static Map<String, Long> owners(List<Long> ids, String team) throws Exception {
    return ledger.strings("select owner from leads where team = '" + team + "' and id in "
            + Ledger.in(ids)).stream()
        .collect(Collectors.groupingBy(o -> o, Collectors.counting()));
  }

  static long max(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
  }

  static long min(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).min().orElse(0);
  }

  interface Check {
    boolean holds() throws Exception;
  }

  static void awaitTrue(Duration within, String what, Check check) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + within + ": " + what);
      }
      Thread.sleep(500);
    }
  }

  static void awaitDelivered(Collection<Long> ids, Duration within) throws Exception {
    awaitTrue(within, "every notification of the leads delivered",
        () -> ledger.undelivered(ids) == 0);
  }

  record Deliveries(long rows, long requests) {}

  /**
   * Each delivery went out once: every row SENT after one attempt, the SMS gateway got each
   * delivery id once, and the robots got as many messages as there are rows for them.
   */
  static Deliveries exactlyOnce(Collection<Long> ids) throws Exception {
    assertThat(ledger.count("select count(*) from notification_deliveries where lead_id in "
        + Ledger.in(ids) + " and (status <> 'SENT' or attempts <> 1)")).isZero();
    List<String> smsIds = ledger.strings("select cast(id as varchar) from notification_deliveries"
        + " where channel = 'SMS' and lead_id in " + Ledger.in(ids));
    Map<String, Long> perId = providers.findAll(postRequestedFor(urlPathEqualTo("/sms"))).stream()
        .map(FaultSuiteIT::requestId).filter(smsIds::contains)
        .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
    assertThat(perId.keySet()).containsExactlyInAnyOrderElementsOf(smsIds);
    assertThat(perId.values()).allSatisfy(n -> assertThat(n).isEqualTo(1L));
    long robots = providers.findAll(postRequestedFor(urlPathEqualTo("/dingtalk"))).size()
        + providers.findAll(postRequestedFor(urlPathEqualTo("/wecom"))).size();
    long robotRows = ledger.count("select count(*) from notification_deliveries"
        + " where channel in ('DINGTALK', 'WECOM')");
    assertThat(robots).as("robot messages received vs. sent on record").isEqualTo(robotRows);
    long rows = ledger.count("select count(*) from notification_deliveries where lead_id in "
        + Ledger.in(ids));
    return new Deliveries(rows, perId.size() + ledger.count("select count(*) from"
        + " notification_deliveries where channel in ('DINGTALK', 'WECOM') and lead_id in "
        + Ledger.in(ids)));
  }

  static String requestId(LoggedRequest request) {
    try {
      JsonNode body = JSON.readTree(request.getBodyAsString());
      return body.path("requestId").asText();
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * The reclaims' sending jobs that ran longer than the job lock: from the first of a
   * notification's delivery records (made when the job starts sending) to its last delivery.
   */
  static long sendingJobsLongerThanTheLock(Collection<Long> ids) throws Exception {
    return ledger.count("select count(*) from (select n.id from notifications n"
        + " join notification_deliveries d on d.notification_id = n.id"
        + " where n.event = 'LEAD_RECLAIMED' and n.lead_id in " + Ledger.in(ids)
        + " group by n.id having extract(epoch from max(d.sent_at) - min(d.created_at)) * 1000 > "
        + LOCK_MILLIS + ") slow");
  }

  /** Job runs that ended in an optimistic locking failure: another run of the job won. */
  static long reRuns() throws IOException {
    long count = 0;
    for (Node node : new Node[] {a, b}) {
      count += node.logText().lines().filter(line -> line.contains("ENGINE-14006")
          && line.contains("OptimisticLockingException")).count();
    }
    return count;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void figure(String step, String format, Object... args) throws IOException {
    String line = "FAULT SUITE " + step + ": " + String.format(format, args);
    System.out.println(line);
    Files.writeString(FIGURES, line + System.lineSeparator(), StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }
}
