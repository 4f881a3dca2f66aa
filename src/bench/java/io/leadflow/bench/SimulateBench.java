package io.leadflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench.mode=simulate}: the back-test of docs/rules.md on a history of
 * {@code bench.history} leads (100,000). {@code bench.intake.leads} (1,000) come in through the
 * HTTP intake, so they are scored, routed and assigned by the deployed tables and carry their
 * decision versions; the rest are copies of them made in the database (each with its activities
 * and score changes, taken in at another moment of the last 85 days, with a company size, budget
 * and district of its own), which is all a back-test reads. Then a routing candidate (北京 to
 * east-china) and a scoring candidate (no webinar points) are back-tested on the last 90 days,
 * each timed from request to answer. Last line: the figures, and the server's peak heap from its
 * GC log.
 */
final class SimulateBench {

  private static final String OTHERWISE = "      <rule id=\"Rule_Otherwise\">";

  private final Benchmark bench;
  private final int history = Integer.parseInt(Benchmark.prop("bench.history", "100000"));
  private final int intakeLeads = Integer.parseInt(Benchmark.prop("bench.intake.leads", "1000"));
  private final String gcLog = Benchmark.prop("bench.gcLog", "target/bench/gc.log");
  private final ImportBench auth;

  SimulateBench(Benchmark bench) {
    this.bench = bench;
    this.auth = new ImportBench(bench);
  }

  void run() throws Exception {
    System.out.printf(Locale.ROOT, "simulate: %s history=%d (%d through the intake), run=%s%n",
        bench.url, history, intakeLeads, bench.runId);
    Benchmark.Run intake = bench.load("intake", 0, intakeLeads, 0, false);
    System.out.printf(Locale.ROOT, "intake: %d leads in %.1f s, errors %d%n", intakeLeads,
        intake.seconds(), intake.errors.get());
    long copied = System.nanoTime();
    long total = copyHistory();
    System.out.printf(Locale.ROOT, "history: %d leads in the database (copies made in %.1f s)%n",
        total, (System.nanoTime() - copied) / 1e9);

    String routing = classpath("/decisions/LeadRouting.dmn");
    String beijing = routing.replace(OTHERWISE, """
              <rule id="Rule_Beijing">
                <description>北京的线索交给华东销售团队 / Beijing leads go to East China sales</description>
                <inputEntry id="Beijing_score"><text></text></inputEntry>
                <inputEntry id="Beijing_industry"><text></text></inputEntry>
                <inputEntry id="Beijing_product"><text></text></inputEntry>
                <inputEntry id="Beijing_region"><text>contains(?, &quot;北京&quot;)</text></inputEntry>
                <outputEntry id="Beijing_team"><text>"east-china"</text></outputEntry>
                <outputEntry id="Beijing_strategy"><text>"ROUND_ROBIN"</text></outputEntry>
                <outputEntry id="Beijing_sla"><text>"PT24H"</text></outputEntry>
                <outputEntry id="Beijing_stage"><text>"SQL"</text></outputEntry>
                <outputEntry id="Beijing_escalate"><text>"PT48H"</text></outputEntry>
                <outputEntry id="Beijing_reason"><text>"北京 / Beijing"</text></outputEntry>
              </rule>
        """ + OTHERWISE);
    String scoring = classpath("/decisions/LeadScoring.dmn");
    int start = scoring.indexOf("      <rule id=\"Rule_Webinar\">");
    int end = scoring.indexOf("</rule>", start) + "</rule>".length() + 1;
    String noWebinar = scoring.substring(0, start) + scoring.substring(end);

    List<String> lines = new ArrayList<>();
    for (String[] candidate : List.of(new String[] {"routing", beijing},
        new String[] {"scoring", noWebinar})) {
      long sent = System.nanoTime();
      HttpResponse<String> answer = simulate(candidate[0] + ".dmn", candidate[1]);
      double seconds = (System.nanoTime() - sent) / 1e9;
      if (answer.statusCode() != 200) {
        throw new IllegalStateException("simulation answered " + answer.statusCode() + ": "
            + answer.body());
      }
      JsonNode report = Benchmark.JSON.readTree(answer.body());
      String line = String.format(Locale.ROOT, "%s: leads=%d seconds=%.1f server_ms=%d"
              + " leads_per_s=%.0f moved=%d moved_team=%d moved_stage=%d moved_band=%d",
          candidate[0], report.get("leads").asLong(), seconds,
          report.get("elapsedMillis").asLong(), report.get("leads").asLong() / seconds,
          report.get("moved").asLong(), report.get("movedTeam").asLong(),
          report.get("movedStage").asLong(), report.get("movedBand").asLong());
      System.out.println(line);
      lines.add(line);
    }
    System.out.printf(Locale.ROOT, "simulate_history=%d %s; %s; server_peak_heap_mb=%d%n", total,
        lines.get(0), lines.get(1), ImportBench.peakHeapMegabytes(gcLog));
  }

  /** Copies of the intake's leads until there are {@code history} leads; returns the count. */
  private long copyHistory() throws Exception {
    try (Connection c = bench.db.connect(); Statement s = c.createStatement()) {
      long have = count(s, "select count(*) from leads");
      int rounds = (int) Math.ceil((history - have) / (double) Math.max(have, 1));
      if (rounds <= 0) {
        return have;
      }
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("select column_name from information_schema.columns"
          + " where table_name = 'leads' and table_schema = current_schema()"
          + " and column_name not in ('id', 'external_id', 'created_at', 'updated_at',"
          + " 'process_instance_id') order by ordinal_position")) {
        while (rs.next()) {
          columns.add(rs.getString(1));
        }
      }
      String list = String.join(", ", columns);
      // Each copy has facts of its own (another company size, budget and district), so that the
      // tables' memory of answers per tuple of values does not make the back-test look cheap.
      Map<String, String> varied = Map.of(
          "company_size", "case when l.company_size is null then null"
              + " else l.company_size + g % 997 end",
          "budget", "case when l.budget is null then null else l.budget + g * 1000 end",
          "region", "case when l.region is null then null else l.region || ' ' || g || '区' end");
      // Each copy is taken in at another moment of the last 85 days; the copy names its original
      // in process_instance_id (copies have no process) for the activities and scores below.
      s.executeUpdate("insert into leads (id, external_id, created_at, updated_at,"
          + " process_instance_id, " + list + ") select nextval('leads_seq'), null,"
          + " now() - make_interval(secs => ((g * 7919 + l.id * 104729) % 7344000)),"
          + " now(), 'copy:' || l.id, " + columns.stream()
              .map(col -> varied.getOrDefault(col, "l." + col))
              .reduce((a, b) -> a + ", " + b).orElseThrow()
          + " from leads l cross join generate_series(1, " + rounds + ") g"
          + " where l.process_instance_id not like 'copy:%'"
          + " limit " + (history - have));
      s.executeUpdate("insert into lead_activities (lead_id, type, occurred_at)"
          + " select n.id, a.type, n.created_at + (a.occurred_at - o.created_at)"
          + " from leads n join leads o on n.process_instance_id = 'copy:' || o.id"
          + " join lead_activities a on a.lead_id = o.id");
      s.executeUpdate("insert into lead_score_changes (id, lead_id, occurred_at, score,"
          + " previous_score, cause) select nextval('lead_score_changes_seq'), n.id,"
          + " n.created_at + (sc.occurred_at - o.created_at), sc.score, sc.previous_score,"
          + " sc.cause from leads n join leads o on n.process_instance_id = 'copy:' || o.id"
          + " join lead_score_changes sc on sc.lead_id = o.id");
      s.execute("analyze leads");
      s.execute("analyze lead_activities");
      s.execute("analyze lead_score_changes");
      return count(s, "select count(*) from leads");
    }
  }

  private static long count(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private HttpResponse<String> simulate(String name, String dmn) throws Exception {
    String boundary = "leadflow-bench-" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"days\"\r\n\r\n90"
        + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
        + name + "\"\r\nContent-Type: application/xml\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(dmn.getBytes(StandardCharsets.UTF_8));
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create(bench.url + "/api/rules/simulations"))
        .timeout(Duration.ofMinutes(10))
        .header("Authorization", auth.basic())
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    return bench.http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String classpath(String path) throws IOException {
    try (InputStream in = SimulateBench.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
