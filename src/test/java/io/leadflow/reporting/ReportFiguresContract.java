package io.leadflow.reporting;

import static io.leadflow.reporting.ReportFigures.expect;
import static io.leadflow.reporting.ReportFigures.row;
import static io.leadflow.reporting.ReportFigures.rows;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.support.ApiClient;
import io.leadflow.support.Teams;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Every figure of every report, exactly, per group, on the fixture of {@link ReportFigures}; who
 * sees what; the CSV export; bad parameters. Run on H2 ({@link ReportFiguresTest}) and on
 * PostgreSQL ({@link ReportFiguresPostgresTest}): the same SQL must give the same numbers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReportFiguresContract {

  @Autowired ApplicationContext context;
  @Autowired TestRestTemplate rest;
  @Autowired TeamDirectory directory;
  @Autowired IdentityService identity;

  ReportFigures fixture;
  ApiClient admin;

  @BeforeAll
  void fixture() {
    fixture = new ReportFigures(context);
    fixture.build(directory, identity);
    admin = ApiClient.admin(rest);
  }

  String report(String name, String more) {
    return "/api/reports/" + name + "?" + fixture.window() + more;
  }

  @Test
  void theFunnelBySourceCountsStagesConversionsValidLeadsWonAmountAndTheSalesCycle() {
    JsonNode rows = rows(admin, report("funnel", ""));
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).get("source").asText()).isEqualTo("PARTNER_REFERRAL");
    expect(row(rows, "source", "WEBSITE_FORM"), "leads", 3, "duplicatesMerged", 2,
        "validLeads", 2, "validRate", 0.6667, "assigned", 3, "mql", 0, "sql", 3,
        "opportunity", 1, "customer", 1, "lost", 2, "mqlToSqlRate", null,
        "sqlToOpportunityRate", 0.3333, "opportunityToCustomerRate", 1, "opportunityRate", 0.3333,
        "wonAmount", 100000, "salesCycleMedianDays", 10, "salesCycleMeanDays", 10);
    expect(row(rows, "source", "TRADE_SHOW"), "leads", 3, "duplicatesMerged", 0,
        "validLeads", 3, "validRate", 1, "assigned", 2, "mql", 0, "sql", 3, "opportunity", 1,
        "customer", 1, "lost", 0, "sqlToOpportunityRate", 0.3333, "opportunityToCustomerRate", 1,
        "opportunityRate", 0.3333, "wonAmount", 50000, "salesCycleMedianDays", 20,
        "salesCycleMeanDays", 20);
    expect(row(rows, "source", "PARTNER_REFERRAL"), "leads", 2, "validRate", 1, "assigned", 2,
        "mql", 1, "sql", 2, "opportunity", 0, "customer", 0, "lost", 0, "mqlToSqlRate", 1,
        "sqlToOpportunityRate", 0, "opportunityToCustomerRate", null, "opportunityRate", 0,
        "wonAmount", 0, "salesCycleMedianDays", null, "salesCycleMeanDays", null);

    JsonNode all = rows(admin, report("funnel", "&groupBy=all"));
    expect(all.get(0), "leads", 8, "duplicatesMerged", 2, "validLeads", 7, "validRate", 0.875,
        "customer", 2, "wonAmount", 150000, "salesCycleMedianDays", 15, "salesCycleMeanDays", 15);
  }

  @Test
  void firstResponseCoverageReclaimsAndThePoolPerTeam() {
    JsonNode rows = rows(admin, report("response", ""));
    assertThat(rows).hasSize(2);
    expect(row(rows, "team", fixture.east), "leads", 5, "assigned", 5, "contacted", 5,
        "notContacted", 0, "frtP50Seconds", 600, "frtP90Seconds", 7560, "frtMeanSeconds", 2820,
        "frtWorkingP50Seconds", 300, "frtWorkingP90Seconds", 3780, "frtWorkingMeanSeconds", 1410,
        "within5m", 2, "within1h", 4, "withinSla", 4, "within5mRate", 0.4, "within1hRate", 0.8,
        "withinSlaRate", 0.8, "slaDue", 5, "coverage", 0.8, "reclaimed", 1, "reclaims", 1,
        "reclaimRate", 0.2, "poolClaims", 2, "poolWaitP50Seconds", 12600, "poolExpired", 0,
        "frt5mTo30m", 2, "frt30mTo1h", 0, "frt1hTo4h", 1, "frt4hTo24h", 0, "frtOver24h", 0);
    expect(row(rows, "team", fixture.south), "leads", 3, "assigned", 2, "contacted", 1,
        "notContacted", 1, "frtP50Seconds", 7200, "frtP90Seconds", 7200, "frtMeanSeconds", 7200,
        "frtWorkingP50Seconds", 3600, "within5m", 0, "within1h", 0, "withinSla", 0,
        "within5mRate", 0, "withinSlaRate", 0, "slaDue", 2, "coverage", 0, "reclaimed", 0,
        "reclaims", 0, "reclaimRate", 0, "poolClaims", 0, "poolWaitP50Seconds", null,
        "poolExpired", 1, "frt1hTo4h", 1);
  }

  @Test
  void performancePerTeamAndRepOfTheLeadsEachRepWasGivenFirst() {
    JsonNode rows = rows(admin, report("performance", ""));
    assertThat(rows).hasSize(5);
    assertThat(rows.get(0).get("rep").asText()).isEqualTo(fixture.a1);
    expect(row(rows, "team", fixture.east, "rep", fixture.a1), "assigned", 3, "contacted", 3,
        "frtP50Seconds", 240, "coverage", 0.6667, "reclaimed", 1, "reclaimRate", 0.3333,
        "opportunity", 2, "won", 2, "wonAmount", 150000, "salesCycleMedianDays", 15);
    expect(row(rows, "team", fixture.east, "rep", fixture.a2), "assigned", 2, "contacted", 2,
        "frtP50Seconds", 1200, "coverage", 1, "reclaimed", 0, "opportunity", 0, "won", 0,
        "wonAmount", 0, "salesCycleMedianDays", null);
    expect(row(rows, "team", fixture.south, "rep", fixture.b1), "assigned", 1, "contacted", 0,
        "frtP50Seconds", null, "coverage", 0, "reclaimRate", 0);
    expect(row(rows, "team", fixture.south, "rep", fixture.b2), "assigned", 1, "contacted", 1,
        "frtP50Seconds", 7200, "coverage", 0);
    expect(row(rows, "team", fixture.south, "rep", null), "leads", 1, "assigned", 0,
        "coverage", null, "reclaimRate", null);
  }

  @Test
  void ruleEfficiencyPerRuleAndRoutingDecisionVersionWithLeadsOfNoKnownVersionApart() {
    JsonNode rows = rows(admin, report("rules", ""));
    assertThat(rows).hasSize(6);
    expect(rows.get(2), "rule", "Rule_RptA", "version", null);
    expect(row(rows, "rule", "Rule_RptA", "version", 1), "leads", 2, "frtP50Seconds", 1020,
        "coverage", 1, "reclaimRate", 0, "sql", 2, "sqlToOpportunityRate", 0.5, "won", 1,
        "wonRate", 0.5, "wonAmount", 100000);
    expect(row(rows, "rule", "Rule_RptA", "version", 2), "leads", 1, "frtP50Seconds", 11400,
        "coverage", 0, "reclaimRate", 1, "sqlToOpportunityRate", 1, "won", 1, "wonRate", 1,
        "wonAmount", 50000);
    expect(row(rows, "rule", "Rule_RptA", "version", null), "leads", 1, "frtP50Seconds", 60,
        "coverage", 1, "sqlToOpportunityRate", 0, "wonRate", 0);
    expect(row(rows, "rule", "Rule_华南", "version", 1), "leads", 1, "frtP50Seconds", 7200,
        "coverage", 0);
    expect(row(rows, "rule", "Rule_华南", "version", 2), "leads", 2, "assigned", 1,
        "frtP50Seconds", null, "coverage", 0, "reclaimRate", 0, "sql", 2, "won", 0);
    expect(row(rows, "rule", "Rule_RptPool", "version", 2), "leads", 1, "frtP50Seconds", 600,
        "coverage", 1, "sql", 1);
  }

  @Test
  void fairnessSetsEachRepsShareAgainstTheStrategysPromiseWithTheSkipsByReason() {
    JsonNode rows = rows(admin, report("fairness", ""));
    assertThat(rows).hasSize(4);
    expect(row(rows, "team", fixture.east, "rep", fixture.a1), "strategy", "ROUND_ROBIN",
        "assigned", 3, "teamAssigned", 4, "share", 0.75, "expectedShare", 0.5,
        "skippedOutOfOffice", 1, "skippedFull", 0, "skippedUnavailable", 0);
    expect(row(rows, "team", fixture.east, "rep", fixture.a2), "assigned", 1, "share", 0.25,
        "expectedShare", 0.5);
    expect(row(rows, "team", fixture.south, "rep", fixture.b1), "strategy", "WEIGHTED",
        "weight", 2, "assigned", 1, "teamAssigned", 2, "share", 0.5, "expectedShare", 0.6667,
        "skippedFull", 2, "skippedUnavailable", 1, "skippedOutOfOffice", 0,
        "skippedZeroWeight", 0);
    expect(row(rows, "team", fixture.south, "rep", fixture.b2), "weight", 1, "share", 0.5,
        "expectedShare", 0.3333);
  }

  @Test
  void theDailyTrendHasEveryDayOfTheWindow() {
    JsonNode rows = rows(admin, report("trend", ""));
    assertThat(rows).hasSize(7);
    expect(rows.get(0), "day", fixture.monday, "leads", 0, "assigned", 0);
    expect(rows.get(1), "leads", 2, "assigned", 2, "contacted", 2, "reclaimed", 0);
    expect(rows.get(2), "leads", 2, "assigned", 2, "contacted", 1, "reclaimed", 1);
    expect(rows.get(3), "leads", 2, "assigned", 1, "contacted", 1, "reclaimed", 0);
    expect(rows.get(4), "day", fixture.monday.plusDays(4), "leads", 2, "assigned", 2,
        "contacted", 2, "reclaimed", 0);
    expect(rows.get(6), "day", fixture.monday.plusDays(6), "leads", 0);
  }

  @Test
  void analystsSeeEverythingManagersTheirTeamsRepsTheirOwnAndKeysNothing() {
    ApiClient analyst = ApiClient.as(rest, fixture.analyst, Teams.PASSWORD);
    assertThat(rows(analyst, report("funnel", ""))).isEqualTo(rows(admin, report("funnel", "")));

    ApiClient manager = ApiClient.as(rest, fixture.manager, Teams.PASSWORD);
    JsonNode teams = rows(manager, report("response", ""));
    assertThat(teams).hasSize(1);
    assertThat(teams.get(0)).isEqualTo(row(rows(admin, report("response", "")), "team",
        fixture.east));
    assertThat(manager.get(report("response", "&team=" + fixture.south)).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rows(manager, report("fairness", ""))).hasSize(2);

    ApiClient rep = ApiClient.as(rest, fixture.a1, Teams.PASSWORD);
    JsonNode own = rows(rep, report("performance", ""));
    assertThat(own).hasSize(1);
    assertThat(own.get(0)).isEqualTo(row(rows(admin, report("performance", "")), "rep",
        fixture.a1));
    assertThat(rep.get(report("performance", "&rep=" + fixture.a2)).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    JsonNode fairness = rows(rep, report("fairness", ""));
    assertThat(fairness).hasSize(1);
    expect(fairness.get(0), "rep", fixture.a1, "assigned", 3, "share", null, "teamAssigned", null);
    assertThat(rows(rep, report("funnel", "&groupBy=all")).get(0).get("leads").asInt())
        .isEqualTo(3);

    String key = admin.post("/api/api-keys", Map.of("name", "reports-" + fixture.suffix))
        .getBody().get("key").asText();
    assertThat(ApiClient.withKey(rest, key).get(report("funnel", "")).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(ApiClient.anonymous(rest).get(report("funnel", "")).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(ApiClient.as(rest, fixture.staff, Teams.PASSWORD).get(report("funnel", ""))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void theCsvExportIsUtf8WithAByteOrderMarkForExcel() throws Exception {
    HttpHeaders headers = basic();
    headers.setAccept(List.of(MediaType.parseMediaType("text/csv")));
    var response = rest.exchange(report("rules", ""), HttpMethod.GET, new HttpEntity<>(headers),
        byte[].class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().getContentType().toString()).startsWith("text/csv");
    assertThat(response.getHeaders().getContentDisposition().getFilename())
        .isEqualTo("leadflow-rules-" + fixture.monday + "-" + fixture.monday.plusDays(6) + ".csv");
    byte[] body = response.getBody();
    assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
    String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
    List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
        .get().parse(new StringReader(text)).getRecords();
    assertThat(records).hasSize(6);
    assertThat(records.get(0).getParser().getHeaderNames()).startsWith("rule", "version",
        "leads", "assigned", "frtP50Seconds", "coverage");
    CSVRecord south = records.stream().filter(r -> r.get("rule").equals("Rule_华南")
        && r.get("version").equals("2")).findFirst().orElseThrow();
    assertThat(south.get("leads")).isEqualTo("2");
    assertThat(south.get("frtP50Seconds")).isEmpty();

    var byLink = rest.exchange(report("funnel", "&format=csv"), HttpMethod.GET,
        new HttpEntity<>(basic()), byte[].class);
    assertThat(byLink.getHeaders().getContentType().toString()).startsWith("text/csv");
    assertThat(new String(byLink.getBody(), StandardCharsets.UTF_8)).contains("WEBSITE_FORM");
  }

  @Test
  void badParametersAre400NamingTheField() {
    for (var bad : Map.of("groupBy=week", "groupBy", "from=yesterday", "from",
        "source=FAX", "source", "from=2026-01-01&to=2025-01-01", "from",
        "from=2020-01-01&to=2026-01-01", "to").entrySet()) {
      var response = admin.get("/api/reports/funnel?" + bad.getKey());
      assertThat(response.getStatusCode()).as(bad.getKey()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(response.getBody().toString()).as(bad.getKey()).contains(bad.getValue());
    }
    assertThat(admin.get("/api/reports/nonsense").getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    HttpHeaders csv = basic();
    csv.setAccept(List.of(MediaType.parseMediaType("text/csv")));
    var asCsv = rest.exchange("/api/reports/funnel?groupBy=week", HttpMethod.GET,
        new HttpEntity<>(csv), String.class);
    assertThat(asCsv.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(asCsv.getBody()).contains("groupBy");
  }

  private static HttpHeaders basic() {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth("admin", "admin-test-password");
    return headers;
  }
}
