package io.leadflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * LeadFlow's load benchmark (README, section "Benchmark"). Drives the real HTTP intake of a running
 * LeadFlow and checks the outcome in its PostgreSQL database.
 *
 * <ul>
 *   <li>{@code bench.mode=intake}: {@code bench.leads} varied leads (about {@code bench.duplicates}
 *       of them repeats of earlier people) from {@code bench.concurrency} client threads. With
 *       {@code bench.rate} &gt; 0 the load is open-loop: lead i is due at start + i/rate and its
 *       latency counts from that due time, so a slow server is not hidden by clients that wait
 *       (no coordinated omission). {@code bench.rate=0} is closed-loop maximum throughput.
 *   <li>{@code bench.mode=import}: the intake, then a generated .xlsx of {@code bench.rows} rows
 *       imported into the same server ({@link ImportBench}).
 *   <li>{@code bench.mode=simulate}: a history of {@code bench.history} leads (intake, then copies
 *       spread over 85 days), back-tested by a routing and a scoring candidate
 *       ({@link SimulateBench}).
 *   <li>{@code bench.mode=reports}: 100,000 leads with history seeded in the database, then
 *       every report asked as the admin and as a manager ({@link ReportsBench}).
 *   <li>{@code bench.mode=storm}: creates {@code bench.leads} leads that all get an owner, moves all
 *       their follow-up SLA timers to one moment T, and measures until every one is in the pool.
 * </ul>
 *
 * The last line printed is machine-readable ({@code key=value ...}).
 */
public final class Benchmark {

  static final ObjectMapper JSON = new ObjectMapper();

  final String url = prop("bench.url", "http://127.0.0.1:18080");
  final String apiKey = prop("bench.apiKey", "demo-api-key-change-me");
  final int leads = Integer.parseInt(prop("bench.leads", "20000"));
  final double rate = Double.parseDouble(prop("bench.rate", "0"));
  final int concurrency = Integer.parseInt(prop("bench.concurrency", rate > 0 ? "64" : "16"));
  final int warmup = Integer.parseInt(prop("bench.warmup", "1000"));
  final double duplicates = Double.parseDouble(prop("bench.duplicates", "0.05"));
  final long seed = Long.parseLong(prop("bench.seed", "42"));
  final String runId = prop("bench.runId", Long.toString(System.currentTimeMillis(), 36));
  /**
   * Seconds between the benchmark's own VACUUMs and ANALYZEs, done as autovacuum would when
   * PostgreSQL's autovacuum is off; 0: none.
   */
  final Duration autovacuumEvery =
      Duration.ofSeconds(Long.parseLong(prop("bench.autovacuum.every", "60")));
  final Database db = new Database(
      prop("bench.db.url", "jdbc:postgresql://127.0.0.1:5432/leadflow_bench"),
      prop("bench.db.user", "postgres"), prop("bench.db.password", ""));

  final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .executor(Executors.newFixedThreadPool(4))
      .build();
  final LeadGenerator generator = new LeadGenerator(runId, seed);

  public static void main(String[] args) throws Exception {
    Benchmark bench = new Benchmark();
    String mode = prop("bench.mode", "intake");
    try (AutoCloseable autovacuum = bench.db.actLikeAutovacuum(bench.autovacuumEvery)) {
      switch (mode) {
        case "intake" -> bench.intake();
        case "storm" -> bench.storm();
        case "import" -> new ImportBench(bench).run();
        case "simulate" -> new SimulateBench(bench).run();
        case "reports" -> new ReportsBench(bench).run();
        default -> throw new IllegalArgumentException("bench.mode must be intake, storm, import,"
            + " simulate or reports: " + mode);
      }
    }
    System.exit(0);
  }

  static String prop(String name, String fallback) {
    String value = System.getProperty(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** What one load phase sent and got back. */
  static final class Run {
    final Recorder recorder = new Recorder(3_600_000_000L, 3); // microseconds, up to an hour
    final Histogram total = new Histogram(3_600_000_000L, 3);
    final Queue<Long> createdIds = new ConcurrentLinkedQueue<>();
    final AtomicInteger created = new AtomicInteger();
    final AtomicInteger duplicates = new AtomicInteger();
    final AtomicInteger errors = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();
    final Queue<String> errorSamples = new ConcurrentLinkedQueue<>();
    long startNanos;
    long endNanos;

    double seconds() {
      return (endNanos - startNanos) / 1e9;
    }
  }

  // ---------------------------------------------------------------------------------- intake

  void intake() throws Exception {
    System.out.printf(Locale.ROOT, "intake: %s leads=%d rate=%s concurrency=%d warmup=%d"
            + " duplicates=%.2f run=%s%n", url, leads, rate > 0 ? rate + "/s" : "max (closed loop)",
        concurrency, warmup, duplicates, runId);
    List<Long> allCreated = new ArrayList<>();
    if (warmup > 0) {
      Run w = load("warm-up", 0, warmup, rate, false);
      allCreated.addAll(w.createdIds);
      System.out.printf(Locale.ROOT, "warm-up: %d leads in %.1f s, not counted%n", warmup, w.seconds());
    }
    Run run = load("intake", warmup, leads, rate, false);
    allCreated.addAll(run.createdIds);
    Histogram h = run.total;
    double seconds = run.seconds();
    System.out.printf(Locale.ROOT, "answers: 201 created=%d, 200 duplicates=%d, errors=%d%n",
        run.created.get(), run.duplicates.get(), run.errors.get());
    run.errorSamples.forEach(e -> System.out.println("  error: " + e));
    System.out.printf(Locale.ROOT, "latency ms: p50=%.1f p90=%.1f p99=%.1f p99.9=%.1f max=%.1f%n",
        ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0);

    System.out.println("checking every 201 in the database ...");
    Database.Check check = db.check(allCreated);
    check.print();
    System.out.printf(Locale.ROOT,
        "leads=%d seconds=%.1f leads_per_s=%.1f offered_per_s=%s p50_ms=%.1f p99_ms=%.1f"
            + " created=%d duplicates=%d errors=%d lost=%d%n",
        leads, seconds, leads / seconds, rate > 0 ? String.valueOf(rate) : "max", ms(h, 50),
        ms(h, 99), run.created.get(), run.duplicates.get(), run.errors.get(), check.lost());
  }

  /** Sends leads {@code first} .. {@code first+count-1} to LeadFlow's intake. */
  Run load(String phase, int first, int count, double rate, boolean owned) throws Exception {
    return load(phase, count, rate, concurrency, (run, k, due) -> send(run, first + k, owned, due));
  }

  /** One lead of a load phase: the k-th, due at {@code dueNanos}, its outcome counted in run. */
  interface Send {
    void send(Run run, int k, long dueNanos);
  }

  /**
   * Sends {@code count} leads from {@code concurrency} threads: open-loop at {@code rate} per
   * second, or closed-loop when rate is 0. Prints a progress line every 5 s.
   */
  static Run load(String phase, int count, double rate, int concurrency, Send send)
      throws InterruptedException {
    Run run = new Run();
    AtomicInteger next = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(concurrency);
    run.startNanos = System.nanoTime();
    long intervalNanos = rate > 0 ? (long) (1e9 / rate) : 0;
    for (int t = 0; t < concurrency; t++) {
      clients.execute(() -> {
        int k;
        while ((k = next.getAndIncrement()) < count) {
          long due = rate > 0 ? run.startNanos + k * intervalNanos : System.nanoTime();
          long wait = due - System.nanoTime();
          if (wait > 0) {
            sleepNanos(wait);
          }
          try {
            send.send(run, k, due);
          } finally {
            run.done.incrementAndGet();
          }
        }
      });
    }
    clients.shutdown();
    long lastTick = run.startNanos;
    int lastDone = 0;
    while (!clients.awaitTermination(5, TimeUnit.SECONDS)) {
      long now = System.nanoTime();
      Histogram interval = run.recorder.getIntervalHistogram();
      run.total.add(interval);
      int done = run.done.get();
      System.out.printf(Locale.ROOT, "  %s %6.0f s: %6d done, %6.1f/s, p50 %.1f ms, p99 %.1f ms,"
              + " errors %d%n", phase, (now - run.startNanos) / 1e9, done,
          (done - lastDone) / ((now - lastTick) / 1e9), ms(interval, 50), ms(interval, 99),
          run.errors.get());
      lastTick = now;
      lastDone = done;
    }
    run.endNanos = System.nanoTime();
    run.total.add(run.recorder.getIntervalHistogram());
    return run;
  }

  private void send(Run run, int i, boolean owned, long dueNanos) {
    // About `duplicates` of the leads are a person seen before (far enough back to be stored).
    boolean duplicate = !owned && i > 2 * concurrency
        && Math.floorMod(seed * 131 + i * 2654435761L, 10_000) < duplicates * 10_000;
    Map<String, Object> body = duplicate
        ? generator.duplicateOf(Math.floorMod(i * 7919L, i - 2 * concurrency), i)
        : generator.lead(i, owned);
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/leads"))
          .timeout(Duration.ofSeconds(60))
          .header("Content-Type", "application/json")
          .header("X-API-Key", apiKey)
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
          .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      long latencyMicros = (System.nanoTime() - dueNanos) / 1000;
      run.recorder.recordValue(Math.min(latencyMicros, 3_600_000_000L));
      if (response.statusCode() == 201) {
        JsonNode lead = JSON.readTree(response.body());
        run.createdIds.add(lead.get("id").asLong());
        run.created.incrementAndGet();
      } else if (response.statusCode() == 200) {
        run.duplicates.incrementAndGet();
      } else {
        error(run, "HTTP " + response.statusCode() + " " + response.body());
      }
    } catch (Exception e) {
      error(run, e.toString());
    }
  }

  static void error(Run run, String what) {
    if (run.errors.incrementAndGet() <= 5) {
      run.errorSamples.add(what.length() > 500 ? what.substring(0, 500) : what);
    }
  }

  // ----------------------------------------------------------------------------------- storm

  void storm() throws Exception {
    long delaySeconds = Long.parseLong(prop("bench.storm.delay", "15"));
    long timeoutSeconds = Long.parseLong(prop("bench.storm.timeout", "900"));
    System.out.printf(Locale.ROOT, "storm: %s leads=%d concurrency=%d run=%s%n", url, leads,
        concurrency, runId);
    Run run = load("create", 0, leads, 0, true);
    List<Long> ids = new ArrayList<>(run.createdIds);
    System.out.printf(Locale.ROOT, "created %d owned leads in %.1f s (%.1f/s), errors=%d%n",
        ids.size(), run.seconds(), ids.size() / run.seconds(), run.errors.get());
    run.errorSamples.forEach(e -> System.out.println("  error: " + e));

    db.awaitNoMessageJobs(Duration.ofSeconds(timeoutSeconds));
    boolean analyze = !autovacuumEvery.isZero() && !db.autovacuum();
    if (analyze) {
      db.analyze(); // the statistics of a database with N open leads
    }
    Database.Storm storm = db.moveSlaTimers(ids, delaySeconds);
    System.out.printf(Locale.ROOT, "moved %d SLA timers (of %d leads with an owner) to T=%s%n",
        storm.timers(), storm.owned(), storm.dueAt());
    if (analyze) {
      // The jobs' statistics with their due dates at T, as if the timers had come due by
      // themselves; one table, done well before T.
      db.analyze("act_ru_job");
      System.out.printf(Locale.ROOT, "analyzed act_ru_job %.1f s before T%n",
          Duration.between(java.time.Instant.now(), storm.dueAt()).toMillis() / 1000.0);
    }

    long reclaimed = db.awaitReclaimed(ids, storm.dueAt(), Duration.ofSeconds(timeoutSeconds));
    double allReclaimedSeconds = db.lastReclaimSeconds(ids, storm.dueAt());
    Histogram lag = db.reclaimLag(ids, storm.dueAt());
    Database.Check check = db.check(ids);
    check.print();
    System.out.printf(Locale.ROOT, "timer lag (due -> reclaimed) ms: p50=%d p90=%d p99=%d max=%d%n",
        lag.getValueAtPercentile(50), lag.getValueAtPercentile(90), lag.getValueAtPercentile(99),
        lag.getMaxValue());
    System.out.printf(Locale.ROOT,
        "storm=%d reclaimed=%d seconds_to_all_reclaimed=%.1f reclaims_per_s=%.1f lag_p50_ms=%d"
            + " lag_p99_ms=%d errors=%d lost=%d%n",
        storm.timers(), reclaimed, allReclaimedSeconds, reclaimed / Math.max(allReclaimedSeconds, 0.001),
        lag.getValueAtPercentile(50), lag.getValueAtPercentile(99), run.errors.get(), check.lost());
  }

  // --------------------------------------------------------------------------------- helpers

  static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
  }

  private static void sleepNanos(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
