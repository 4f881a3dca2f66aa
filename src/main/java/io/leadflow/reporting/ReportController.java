package io.leadflow.reporting;

import io.leadflow.reporting.Reports.Report;
import io.leadflow.system.Caller;
import io.leadflow.system.FieldProblem;
import io.leadflow.system.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/reports/{funnel|response|performance|rules|fairness|trend}}: JSON, or CSV
 * (UTF-8 with a byte order mark, so that Excel reads the Chinese) for {@code Accept: text/csv} or
 * {@code format=csv}. Parameters: from, to, team, source, rep, groupBy (docs/reporting.md).
 */
@RestController
@RequestMapping("/api/reports")
class ReportController {

  static final String TEXT_CSV = "text/csv";

  private final Reports reports;
  private final Clock clock;
  private final ZoneId zone;

  ReportController(Reports reports, Clock clock,
      @Value("${leadflow.sla.calendar.time-zone:Asia/Shanghai}") ZoneId zone) {
    this.reports = reports;
    this.clock = clock;
    this.zone = zone;
  }

  /** A report's answer: what was asked (window, grouping, filters, scope) and its rows. */
  record ReportAnswer(String report, Instant from, Instant to, String zone, String groupBy,
      Map<String, Object> filters, String scope, List<Map<String, Object>> rows) {}

  @GetMapping(value = "/{name}", produces = TEXT_CSV)
  void csv(@PathVariable String name, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String team,
      @RequestParam(required = false) String source, @RequestParam(required = false) String rep,
      @RequestParam(required = false) String groupBy, HttpServletResponse response)
      throws IOException {
    ReportAnswer answer = json(name, from, to, team, source, rep, groupBy);
    response.setContentType(TEXT_CSV + ";charset=UTF-8");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"leadflow-"
        + answer.report() + "-" + answer.from().atZone(zone).toLocalDate() + "-"
        + answer.to().minusNanos(1).atZone(zone).toLocalDate() + ".csv\"");
    Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
    out.write('\uFEFF');
    Set<String> columns = new LinkedHashSet<>();
    answer.rows().forEach(row -> columns.addAll(row.keySet()));
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
        .setHeader(columns.toArray(String[]::new)).setSkipHeaderRecord(columns.isEmpty()).get())) {
      for (Map<String, Object> row : answer.rows()) {
        List<Object> values = new ArrayList<>();
        columns.forEach(column -> values.add(row.get(column)));
        csv.printRecord(values);
      }
    }
  }

  /** The same CSV for a plain link (a download from the dashboard). */
  @GetMapping(value = "/{name}", params = "format=csv")
  void csvByParameter(@PathVariable String name, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String team,
      @RequestParam(required = false) String source, @RequestParam(required = false) String rep,
      @RequestParam(required = false) String groupBy, HttpServletResponse response)
      throws IOException {
    csv(name, from, to, team, source, rep, groupBy, response);
  }

  @GetMapping("/{name}")
  ReportAnswer json(@PathVariable String name, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String team,
      @RequestParam(required = false) String source, @RequestParam(required = false) String rep,
      @RequestParam(required = false) String groupBy) {
    Report report = report(name);
    Instant now = clock.instant();
    ReportQuery query = ReportQuery.of(Caller.current(), from, to, team, source, rep, groupBy,
        report.defaultGroup, now, zone);
    List<Map<String, Object>> rows = reports.run(report, query, now);
    Map<String, Object> filters = new LinkedHashMap<>();
    filters.put("team", query.team());
    filters.put("source", query.source());
    filters.put("rep", query.rep());
    String scope = query.scopeRep() != null ? "rep" : query.scopeTeams() != null ? "teams" : "all";
    return new ReportAnswer(report.name().toLowerCase(Locale.ROOT), query.from(), query.to(),
        zone.getId(), fixedGroup(report, query).name().toLowerCase(Locale.ROOT), filters, scope,
        rows);
  }

  private static ReportQuery.Dimension fixedGroup(Report report, ReportQuery query) {
    return switch (report) {
      case FAIRNESS -> ReportQuery.Dimension.REP;
      case TREND -> ReportQuery.Dimension.DAY;
      default -> query.groupBy();
    };
  }

  private static Report report(String name) {
    try {
      return Report.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(List.of(new FieldProblem("report",
          "must be one of funnel, response, performance, rules, fairness, trend")));
    }
  }
}
