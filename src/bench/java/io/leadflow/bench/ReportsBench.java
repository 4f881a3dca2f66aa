package io.leadflow.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * {@code bench.mode=reports}: seeds {@code bench.leads} (100,000) leads with their history straight
 * into the database (created over the last 30 days, in the demo's teams and reps, with the report
 * facts a lead's writer keeps: first owner, first response, reclaims, claims, stages, won amounts),
 * then asks every report ({@code GET /api/reports/...}) {@code bench.requests} times, one after
 * another, as the admin (all 100,000 leads) and as the demo manager he.lei (two teams). Last line:
 * p50 and p99 in milliseconds per report and caller.
 */
final class ReportsBench {

  static final List<String> REPORTS = List.of("funnel", "response", "performance", "rules",
      "fairness", "trend");

  /** The demo's teams and their reps (demo.DemoData), as the seeded leads' owners. */
  private static final String[][] OWNERS = {
      {"strategic", "zhang.wei"}, {"strategic", "li.na"}, {"strategic", "wang.fang"},
      {"east-china", "wang.fang"}, {"east-china", "liu.yang"}, {"east-china", "chen.jing"},
      {"south-china", "zhao.min"}, {"south-china", "sun.li"}, {"manufacturing", "zhou.tao"},
      {"manufacturing", "wu.hao"}, {"mfg-mes", "zhou.tao"}, {"mfg-mes", "zheng.xin"}};
  private static final String[] STRATEGIES = {"WEIGHTED", "ROUND_ROBIN", "LOAD_BALANCED",
      "LOAD_BALANCED", "ROUND_ROBIN"};
  private static final String[] TEAMS = {"strategic", "east-china", "south-china",
      "manufacturing", "mfg-mes"};

  private final Benchmark bench;
  private final int leads = Integer.parseInt(Benchmark.prop("bench.leads", "100000"));
  private final int requests = Integer.parseInt(Benchmark.prop("bench.requests", "50"));
  private final String password = Benchmark.prop("bench.admin.password", "");

  ReportsBench(Benchmark bench) {
    this.bench = bench;
  }

  void run() throws Exception {
    System.out.printf(Locale.ROOT, "reports: %s leads=%d requests=%d per report and caller%n",
        bench.url, leads, requests);
    long seeding = System.nanoTime();
    seed();
    System.out.printf(Locale.ROOT, "seeded %d leads and their history in %.1f s%n", leads,
        (System.nanoTime() - seeding) / 1e9);
    Map<String, String> callers = new LinkedHashMap<>();
    callers.put("admin", "admin:" + password);
    callers.put("manager", "he.lei:demo");
    StringBuilder last = new StringBuilder("reports: leads=" + leads);
    long worstP99 = 0;
    for (var caller : callers.entrySet()) {
      for (String report : REPORTS) {
        Histogram micros = measure(report, caller.getValue());
        long p50 = micros.getValueAtPercentile(50) / 1000;
        long p99 = micros.getValueAtPercentile(99) / 1000;
        worstP99 = Math.max(worstP99, p99);
        System.out.printf(Locale.ROOT, "%-8s %-12s p50 %4d ms  p99 %4d ms  max %4d ms%n",
            caller.getKey(), report, p50, p99, micros.getMaxValue() / 1000);
        last.append(' ').append(caller.getKey()).append('_').append(report).append("_p50_ms=")
            .append(p50).append(' ').append(caller.getKey()).append('_').append(report)
            .append("_p99_ms=").append(p99);
      }
    }
    last.append(" worst_p99_ms=").append(worstP99);
    System.out.println(last);
  }

  private Histogram measure(String report, String credentials) throws Exception {
    String auth = "Basic " + Base64.getEncoder().encodeToString(
        credentials.getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create(bench.url + "/api/reports/" + report))
        .timeout(Duration.ofSeconds(60)).header("Authorization", auth).GET().build();
    Histogram micros = new Histogram(60_000_000L, 3);
    for (int i = -5; i < requests; i++) { // five to warm up, not counted
      long start = System.nanoTime();
      HttpResponse<String> response = bench.http.send(request, HttpResponse.BodyHandlers.ofString());
      long took = (System.nanoTime() - start) / 1000;
      if (response.statusCode() != 200) {
        throw new IllegalStateException(report + " answered " + response.statusCode() + ": "
            + response.body());
      }
      if (i >= 0) {
        micros.recordValue(took);
      }
    }
    return micros;
  }

  /** The leads and their history, made by the database itself (generate_series). */
  private void seed() throws Exception {
    StringBuilder owners = new StringBuilder();
    for (String[] owner : OWNERS) {
      owners.append(owners.isEmpty() ? "" : ", ").append("('").append(owner[0]).append("', '")
          .append(owner[1]).append("', '")
          .append(STRATEGIES[List.of(TEAMS).indexOf(owner[0])]).append("')");
    }
    String leadsSql = """
        insert into leads (id, source, name, company, decision_maker, email, region, industry,
          product, stage, score, team, strategy, owner, pooled, routing_rule, routing_reason,
          routing_decision_id, routing_decision_version, duplicate_count, created_at, updated_at,
          version, mql_at, sql_at, opportunity_at, customer_at, lost_at, lost_reason,
          first_contact_at, won_amount, first_assigned_at, first_rep, first_sla_due_at,
          first_assigned_by, first_response_seconds, reclaim_count, claim_count, first_pooled_at,
          pool_wait_seconds, pool_expired, cycle_seconds, assignment_reason)
        select id, source, '报表客户' || id, '上海报表' || id || '有限公司', true,
          'bench-report-' || id || '@example.com', '上海市', '制造业', 'MES', stage, 60,
          case when assigned then team else 'pool' end, strategy,
          case when assigned and stage in ('SQL', 'OPPORTUNITY') then rep end, not assigned,
          rule, rule || ': bench', 'LeadRouting:' || version || ':bench', version,
          case when r_dup < 0.05 then 1 else 0 end, created, created, 0,
          case when not assigned then created end, created,
          case when stage in ('OPPORTUNITY', 'CUSTOMER') then created + interval '2 days' end,
          case when stage = 'CUSTOMER' then created + cycle * interval '1 second' end,
          case when stage = 'LOST' then created + interval '3 days' end,
          case when stage = 'LOST' then case when r_dup < 0.3 then 'BAD_DATA' else 'NO_NEED' end end,
          case when contacted then created + frt * interval '1 second' end,
          case when stage = 'CUSTOMER' then round(cast(r_amount * 2000000 as numeric), 2) end,
          case when assigned then created end, case when assigned then rep end,
          case when assigned then created + interval '24 hours' end,
          case when assigned then 'ASSIGNED' end, case when contacted then frt end,
          case when reclaimed then 1 else 0 end, case when reclaimed then 1 else 0 end,
          case when reclaimed then created + interval '24 hours' end,
          case when reclaimed then cast(r_amount * 7200 as bigint) end, false,
          case when stage = 'CUSTOMER' then cycle end,
          case when assigned then strategy || case when r_dup < 0.1 then '; SKIPPED_FULL: x' else '' end
            else 'NO_ELIGIBLE_REP' end
        from (
          select id, created, source, team, rep, strategy, rule, version, r_dup, r_amount,
            assigned, assigned and r_contact < 0.85 contacted, assigned and r_contact >= 0.9 reclaimed,
            cast(floor(-ln(1 - r_frt) * 1800) as bigint) frt,
            cast(86400 * (5 + r_amount * 55) as bigint) cycle,
            case when r_stage < 0.35 then 'SQL' when r_stage < 0.55 then 'OPPORTUNITY'
              when r_stage < 0.65 then 'CUSTOMER' when r_stage < 0.85 then 'LOST'
              else 'NURTURE' end stage
          from (
            select 1000000000 + i id, now() - random() * interval '30 days' created,
              (array['WEBSITE_FORM', 'WEBSITE_TRIAL', 'WEBINAR', 'MARKETING_EVENT', 'TRADE_SHOW',
                'PARTNER_REFERRAL', 'SOCIAL_MEDIA', 'API', 'IMPORT', 'OTHER'])[1 + i %% 10] source,
              o.team, o.rep, o.strategy,
              (array['Rule_StrategicAccounts', 'Rule_MfgMes', 'Rule_Manufacturing', 'Rule_EastChina',
                'Rule_SouthChina', 'Rule_Default'])[1 + (i / 7) %% 6] rule, 1 + (i / 11) %% 3 version,
              random() r_dup, random() r_amount, random() >= 0.05 assigned, random() r_contact,
              random() r_frt, random() r_stage
            from generate_series(1, %d) i
            join (select row_number() over () - 1 k, team, rep, strategy
                  from (values %s) v(team, rep, strategy)) o on o.k = i %% %d
          ) r
        ) d
        """.formatted(leads, owners, OWNERS.length);
    String historySql = """
        insert into lead_history (id, lead_id, occurred_at, event, rep, team, strategy,
          routing_rule, reason)
        select 4 * (l.id - 1000000000) + e.k + 1000000000, l.id, l.created_at + e.k * interval
          '1 second', e.event, case when e.event = 'ROUTED' then null else l.first_rep end, l.team,
          l.strategy, l.routing_rule, e.event
        from leads l join (values (0, 'ROUTED'), (1, 'ASSIGNED'), (2, 'CONTACTED'),
          (3, 'RECLAIMED')) e(k, event)
          on e.k = 0 or (e.k = 1 and l.first_rep is not null)
            or (e.k = 2 and l.first_contact_at is not null) or (e.k = 3 and l.reclaim_count > 0)
        where l.id > 1000000000
        """;
    try (Connection c = bench.db.connect(); Statement s = c.createStatement()) {
      s.execute(leadsSql);
      s.execute(historySql);
    }
    bench.db.analyze("leads", "lead_history");
  }
}
