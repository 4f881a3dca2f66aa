package io.leadflow.bench;

import static io.leadflow.models.LeadLifecycle.*;

import com.zaxxer.hikari.HikariDataSource;
import io.leadflow.engine.DecisionAudit;
import io.leadflow.engine.LeadFlowEnginePlugins;
import io.leadflow.lead.Activity;
import io.leadflow.lead.ActivityType;
import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadSource;
import io.leadflow.lifecycle.LifecycleVariables;
import io.leadflow.models.LeadLifecycle;
import io.leadflow.models.LeadRouting;
import io.leadflow.models.LeadScoring;
import io.leadflow.routing.RoutingOutcome;
import io.leadflow.routing.RoutingProperties;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;

/**
 * The engine floor: what Camunda alone can take in on this machine with LeadFlow's own model and
 * decisions, so that the intake benchmark's number can be read against it. It runs the engine as
 * LeadFlow configures it (PostgreSQL through a Hikari pool with batched inserts, history FULL,
 * authorization on, JSON variables, strong UUIDs, the job executor with LeadFlow's settings,
 * LeadFlow's engine plugins and indexes) and deploys {@code processes/} and {@code decisions/}
 * unchanged. Each lead is one {@code startProcessInstanceByKey("LeadLifecycle")} with the
 * variables the intake passes, from {@code bench.concurrency} threads in the same JVM: the same
 * two decisions, gateways, follow-up or pool task with their timers, message subscriptions,
 * task grants and asynchronous notification job as a lead taken in over HTTP.
 *
 * <p>What it leaves out is LeadFlow's own work, so the difference to the intake benchmark is its
 * cost: HTTP, Spring Security and JSON, validation and de-duplication, LeadFlow's tables (the lead,
 * its contact keys, score items and history, the team and rep rows locked for a fair pick) and the
 * notification's delivery record. The delegates and listeners the model names only set the
 * variables LeadFlow's set (owner and SLA dates by a plain rotation, pool reason and expiry, the
 * score summary and the routing outputs) and grant the team's manager the task.
 *
 * <p>{@code bench/run.sh floor -Dbench.leads=20000}; the last line is machine-readable.
 */
public final class EngineFloor {

  static final String BARE = "EngineFloorBare";
  /** LeadFlow's defaults for what a routing rule leaves out (application.yaml). */
  static final RoutingProperties ROUTING_DEFAULTS = new RoutingProperties(Duration.ofHours(24),
      "ROUND_ROBIN", Duration.ofHours(48));

  final int leads = Integer.parseInt(Benchmark.prop("bench.leads", "20000"));
  final int warmup = Integer.parseInt(Benchmark.prop("bench.warmup", "1000"));
  final int concurrency = Integer.parseInt(Benchmark.prop("bench.concurrency", "16"));
  final String dbUrl = Benchmark.prop("bench.db.url", "jdbc:postgresql://127.0.0.1:5432/leadflow_floor");
  final String dbUser = Benchmark.prop("bench.db.user", "postgres");
  final String dbPassword = Benchmark.prop("bench.db.password", "");
  final LeadGenerator generator = new LeadGenerator(
      Benchmark.prop("bench.runId", Long.toString(System.currentTimeMillis(), 36)), 42);
  /** LeadFlow runs at full; a lower level here shows what history costs. */
  final String history = Benchmark.prop("bench.floor.history", "full");
  /**
   * {@code lead}: LeadFlow's LeadLifecycle. {@code bare}: a process of one user task, started
   * with the same variables: what any process instance per lead costs at least.
   */
  final String model = Benchmark.prop("bench.floor.model", "lead");
  /** {@code intake}: leads taken in; {@code storm}: that many owned leads' SLAs expiring at once. */
  final String mode = Benchmark.prop("bench.floor.mode", "intake");
  final long stormDelaySeconds = Long.parseLong(Benchmark.prop("bench.storm.delay", "15"));
  /** Each reclaim's moment, as the reclaim delegate runs (storm mode). */
  final java.util.Queue<Instant> reclaims = new java.util.concurrent.ConcurrentLinkedQueue<>();
  /** Storm mode: every lead is made to get an owner (LeadGenerator.lead(i, true)). */
  boolean owned;
  final AtomicLong leadIds = new AtomicLong();
  final AtomicInteger rotation = new AtomicInteger();

  public static void main(String[] args) throws Exception {
    EngineFloor floor = new EngineFloor();
    Database db = new Database(floor.dbUrl, floor.dbUser, floor.dbPassword);
    try (AutoCloseable autovacuum = db.actLikeAutovacuum(
        Duration.ofSeconds(Long.parseLong(Benchmark.prop("bench.autovacuum.every", "60"))))) {
      floor.run();
    }
    System.exit(0);
  }

  void run() throws Exception {
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(dbUrl);
    dataSource.setUsername(dbUser);
    dataSource.setPassword(dbPassword);
    dataSource.setMaximumPoolSize(20); // application-postgres.yaml
    dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");

    DefaultJobExecutor jobExecutor = new DefaultJobExecutor(); // application-postgres.yaml
    jobExecutor.setCorePoolSize(8);
    jobExecutor.setMaxPoolSize(8);
    jobExecutor.setQueueSize(32);
    jobExecutor.setMaxJobsPerAcquisition(32);
    jobExecutor.setLockTimeInMillis(300_000);
    jobExecutor.setWaitTimeInMillis(1000);
    jobExecutor.setMaxWait(5000);

    StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
    configuration.setDataSource(dataSource);
    configuration.setDatabaseSchemaUpdate("true");
    configuration.setHistory(history);
    configuration.setAuthorizationEnabled(true);
    configuration.setDefaultSerializationFormat("application/json");
    configuration.setIdGenerator(new StrongUuidGenerator()); // the Spring Boot starter's default
    configuration.setJobExecutorAcquireByDueDate(true);
    configuration.setEnsureJobDueDateNotNull(true);
    configuration.setHistoryTimeToLive("P180D");
    configuration.setJobExecutor(jobExecutor);
    configuration.setJobExecutorActivate(true);
    configuration.setMetricsEnabled(true);
    List<org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin> plugins =
        new ArrayList<>(List.of(new SpinProcessEnginePlugin()));
    plugins.addAll(LeadFlowEnginePlugins.all());
    configuration.setProcessEnginePlugins(plugins);
    configuration.setBeans(beans());
    ProcessEngine engine = configuration.buildProcessEngine();
    try {
      deploy(engine);
      if (model.equals("bare")) {
        engine.getRepositoryService().createDeployment().name("engine-floor-bare")
            .addModelInstance("Bare.bpmn", Bpmn.createExecutableProcess(BARE)
                .camundaHistoryTimeToLive(180).startEvent().userTask("Task_FollowUp")
                .camundaAssignee("${leadName}").endEvent().done())
            .deploy();
      } else if (!model.equals("lead")) {
        throw new IllegalArgumentException("bench.floor.model must be lead or bare: " + model);
      }
      System.out.printf(Locale.ROOT, "engine floor: %s leads=%d warmup=%d concurrency=%d history=%s model=%s%n",
          dbUrl, leads, warmup, concurrency, history, model);
      if (mode.equals("storm")) {
        storm(engine, dataSource);
      } else {
        intake(engine);
      }
    } finally {
      engine.close();
      dataSource.close();
    }
  }

  private void intake(ProcessEngine engine) throws Exception {
    if (warmup > 0) {
      Benchmark.Run w = load(engine, "warm-up", warmup);
      System.out.printf(Locale.ROOT, "warm-up: %d leads in %.1f s, not counted%n", warmup,
          w.seconds());
    }
    long cpuBefore = processCpuNanos();
    long machineBefore = machineCpuTicks();
    Benchmark.Run run = load(engine, "floor", leads);
    double cpuMsPerLead = (processCpuNanos() - cpuBefore) / 1e6 / leads;
    double machineMsPerLead = (machineCpuTicks() - machineBefore) * 1000.0 / 100 / leads;
    long open = engine.getTaskService().createTaskQuery().count();
    Histogram h = run.total;
    System.out.printf(Locale.ROOT, "open tasks: %d for %d leads started (each should have its"
        + " follow-up or pool task)%n", open, warmup + leads);
    System.out.printf(Locale.ROOT,
        "floor_leads=%d seconds=%.1f leads_per_s=%.1f p50_ms=%.1f p99_ms=%.1f"
            + " engine_cpu_ms_per_lead=%.1f machine_cpu_ms_per_lead=%.1f errors=%d%n",
        leads, run.seconds(), leads / run.seconds(), Benchmark.ms(h, 50), Benchmark.ms(h, 99), cpuMsPerLead,
        machineMsPerLead, run.errors.get());
  }

  /**
   * The reclaim storm without LeadFlow: {@code leads} leads that all get an owner, their
   * asynchronous notifications run, then every Timer_FollowUpSla moved to one moment T (as the
   * storm benchmark does, by the jobs' due dates) and the time until each lead's reclaim ran.
   */
  private void storm(ProcessEngine engine, javax.sql.DataSource dataSource) throws Exception {
    owned = true;
    System.out.printf(Locale.ROOT, "engine floor storm: %s leads=%d history=%s%n", dbUrl, leads,
        history);
    load(engine, "owned leads", leads);
    var management = engine.getManagementService();
    while (management.createJobQuery().messages().count() > 0) {
      Thread.sleep(1000);
    }
    Instant dueAt;
    int moved;
    try (var c = dataSource.getConnection()) {
      c.createStatement().execute("analyze");
      var update = c.prepareStatement("""
          update act_ru_job set duedate_ = ? where handler_type_ = 'timer-transition'
            and job_def_id_ in (select id_ from act_ru_jobdef where act_id_ = 'Timer_FollowUpSla')""");
      dueAt = Instant.now().plusSeconds(stormDelaySeconds);
      update.setTimestamp(1, java.sql.Timestamp.from(dueAt));
      moved = update.executeUpdate();
      c.createStatement().execute("analyze act_ru_job");
    }
    long cpuBefore = processCpuNanos();
    long machineBefore = machineCpuTicks();
    System.out.printf(Locale.ROOT, "moved %d SLA timers to T=%s%n", moved, dueAt);
    var pool = engine.getTaskService().createTaskQuery().taskDefinitionKey("Task_ClaimFromPool");
    Instant end = dueAt.plus(Duration.ofMinutes(30));
    while (pool.count() < moved && Instant.now().isBefore(end)) {
      System.out.printf(Locale.ROOT, "  %d of %d pooled at T%+d s%n", reclaims.size(), moved,
          Duration.between(dueAt, Instant.now()).toSeconds());
      Thread.sleep(5000);
    }
    Histogram lag = new Histogram(3_600_000L, 3);
    reclaims.forEach(at -> lag.recordValue(Math.max(0, Duration.between(dueAt, at).toMillis())));
    double seconds = lag.getMaxValue() / 1000.0;
    double machineMsPerReclaim = (machineCpuTicks() - machineBefore) * 1000.0 / 100 / moved;
    double cpuMsPerReclaim = (processCpuNanos() - cpuBefore) / 1e6 / moved;
    System.out.printf(Locale.ROOT, "floor_storm=%d reclaimed=%d pooled=%d seconds_to_all_reclaimed=%.1f"
            + " reclaims_per_s=%.1f lag_p50_ms=%d lag_p99_ms=%d engine_cpu_ms_per_reclaim=%.1f"
            + " machine_cpu_ms_per_reclaim=%.1f%n", moved, reclaims.size(), pool.count(), seconds,
        reclaims.size() / seconds, lag.getValueAtPercentile(50), lag.getValueAtPercentile(99),
        cpuMsPerReclaim, machineMsPerReclaim);
  }

  /** processes/ and decisions/ as ModelDeployment deploys them: the models and the forms. */
  private static void deploy(ProcessEngine engine) throws IOException {
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment()
        .name("engine-floor").enableDuplicateFiltering(true);
    for (String folder : List.of("processes", "decisions")) {
      try (Stream<Path> files = Files.list(Path.of(folder))) {
        for (Path file : files.sorted().toList()) {
          deployment.addString(folder + "/" + file.getFileName(), Files.readString(file));
        }
      }
    }
    deployment.deploy();
  }

  /** One start per lead, with the variables the intake passes (LifecycleVariables). */
  private void start(ProcessEngine engine, int i) {
    Map<String, Object> lead = generator.lead(i, owned);
    long leadId = leadIds.incrementAndGet();
    engine.getRuntimeService().startProcessInstanceByKey(
        model.equals("bare") ? BARE : LeadLifecycle.PROCESS_KEY, Long.toString(leadId),
        LifecycleVariables.forNewLead(leadId, facts(lead, Instant.now()), Instant.now()));
  }

  /** The generated request's facts, as the intake would take them (already normalised). */
  @SuppressWarnings("unchecked")
  private static LeadFacts facts(Map<String, Object> lead, Instant now) {
    List<Activity> activities = ((List<Map<String, Object>>) lead.get("activities")).stream()
        .map(a -> new Activity(ActivityType.valueOf((String) a.get("type")),
            a.get("at") == null ? now : Instant.parse((String) a.get("at"))))
        .toList();
    Number budget = (Number) lead.get("budget");
    return new LeadFacts((String) lead.get("externalId"),
        LeadSource.valueOf((String) lead.get("source")), (String) lead.get("name"),
        (String) lead.get("company"), (String) lead.get("title"),
        Boolean.TRUE.equals(lead.get("decisionMaker")), (String) lead.get("email"),
        (String) lead.get("phone"), (String) lead.get("region"), (String) lead.get("city"),
        (String) lead.get("industry"), (String) lead.get("product"),
        (Integer) lead.get("companySize"),
        budget == null ? null : new BigDecimal(budget.toString()),
        (List<String>) lead.get("tags"), (Map<String, Object>) lead.get("attributes"),
        activities);
  }

  // ------------------------------------------------------------ what LeadFlow's beans set

  /** A delegate or listener that only does {@code action}. */
  record Stub(Consumer<VariableScope> action) implements JavaDelegate, ExecutionListener, TaskListener {
    static final Stub NOTHING = new Stub(scope -> {});

    @Override
    public void execute(DelegateExecution execution) {
      action.accept(execution);
    }

    @Override
    public void notify(DelegateExecution execution) {
      action.accept(execution);
    }

    @Override
    public void notify(DelegateTask task) {
      action.accept(task);
    }
  }

  private Map<Object, Object> beans() {
    Map<Object, Object> beans = new HashMap<>();
    for (String name : List.of("assignClaimantDelegate", "clearFormListener", "closeLeadDelegate",
        "collaborationTaskListener", "expirePoolLeadDelegate", "flagAttentionDelegate",
        "markOpportunityDelegate", "notifyDelegate", "reassignOwnerListener",
        "recordClaimantListener", "recordFollowUpDelegate",
        "recordOpportunityDelegate", "recordProposalDelegate", "recordQualificationDelegate",
        "remindOwnerListener", "prepareApprovalDelegate", "recordApprovalDelegate")) {
      beans.put(name, Stub.NOTHING);
    }
    beans.put("recordScoreListener", new Stub(scope -> {
      DelegateExecution execution = (DelegateExecution) scope;
      Object sum = execution.getVariable(SCORE);
      execution.setVariable(SCORE, sum instanceof Number n ? n.intValue() : 0);
      execution.setVariable(SCORE_SUMMARY, DecisionAudit.matchedRules(execution, LeadScoring.DECISION_KEY)
          .stream().map(r -> r.description() + " +" + r.outputs().get(LeadScoring.POINTS))
          .collect(Collectors.joining("; ")));
    }));
    beans.put("recordRoutingListener", new Stub(scope -> {
      DelegateExecution execution = (DelegateExecution) scope;
      var matched = DecisionAudit.matchedRules(execution, LeadRouting.DECISION_KEY).stream()
          .findFirst();
      RoutingOutcome routing = RoutingOutcome.interpret(
          matched.map(DecisionAudit.MatchedRule::ruleId).orElse(null),
          matched.map(DecisionAudit.MatchedRule::outputs).orElse(null), ROUTING_DEFAULTS);
      execution.setVariable(TEAM, routing.team());
      execution.setVariable(STRATEGY, routing.strategy());
      execution.setVariable(SLA_DURATION, routing.slaDuration());
      execution.setVariable(ESCALATE_AFTER, routing.escalateAfter());
      execution.setVariable(STAGE, routing.stage().name());
      execution.setVariable(ROUTING_RULE, routing.rule());
      execution.setVariable(ROUTING_REASON, routing.reason());
    }));
    beans.put("assignOwnerDelegate", new Stub(scope -> {
      String team = (String) scope.getVariable(TEAM);
      Duration sla = Duration.parse((String) scope.getVariable(SLA_DURATION));
      Instant now = Instant.now();
      scope.setVariable(OWNER, team + ".rep" + Math.floorMod(rotation.getAndIncrement(), 3));
      scope.setVariable(SLA_DUE_AT, Date.from(now.plus(sla)));
      scope.setVariable(SLA_REMINDER_AT, Date.from(now.plus(sla.dividedBy(2))));
    }));
    beans.put("poolLeadDelegate", new Stub(scope -> {
      scope.setVariable(OWNER, null);
      scope.setVariable(POOL_REASON, "ROUTED_TO_POOL");
      scope.setVariable(POOL_EXPIRES_AT, Date.from(Instant.now().plus(Duration.ofDays(30))));
    }));
    beans.put("reclaimLeadDelegate", new Stub(scope -> {
      DelegateExecution execution = (DelegateExecution) scope;
      execution.setVariable(POOL_EXPIRES_AT, Date.from(Instant.now().plus(Duration.ofDays(30))));
      execution.setVariable(OWNER, null);
      execution.setVariable(SLA_DUE_AT, null);
      execution.setVariable(SLA_REMINDER_AT, null);
      execution.setVariable(POOL_REASON, "SLA_MISSED");
      execution.removeVariable(POOL_DETAIL);
      reclaims.add(Instant.now());
    }));
    beans.put("grantTeamManagersListener", new Stub(scope -> {
      DelegateTask task = (DelegateTask) scope;
      var authorizations = task.getProcessEngineServices().getAuthorizationService();
      Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      grant.setUserId("manager." + task.getVariable(TEAM));
      grant.setResource(Resources.TASK);
      grant.setResourceId(task.getId());
      grant.addPermission(Permissions.READ);
      grant.addPermission(Permissions.UPDATE);
      authorizations.saveAuthorization(grant);
    }));
    return beans;
  }

  // ------------------------------------------------------------ load

  private Benchmark.Run load(ProcessEngine engine, String name, int count)
      throws InterruptedException {
    return Benchmark.load(name, count, 0, concurrency, (run, k, due) -> {
      try {
        start(engine, k);
      } catch (RuntimeException e) {
        Benchmark.error(run, e.toString());
      }
      run.recorder.recordValue((System.nanoTime() - due) / 1000);
    });
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** user + nice + system + irq + softirq of all cores, in clock ticks (USER_HZ, 100 on Linux). */
  private static long machineCpuTicks() throws IOException {
    String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3])
        + Long.parseLong(f[6]) + Long.parseLong(f[7]);
  }

}
