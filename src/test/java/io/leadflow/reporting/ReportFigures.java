package io.leadflow.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.directory.TeamDirectory;
import io.leadflow.lead.ClockedLeads;
import io.leadflow.lead.ContactChannel;
import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadSource;
import io.leadflow.lead.LeadStage;
import io.leadflow.lead.Leads;
import io.leadflow.lead.LostReason;
import io.leadflow.support.ApiClient;
import io.leadflow.support.Teams;
import io.leadflow.system.Caller;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reports' fixture: nine leads of two teams (round-robin 华东-like {@code east}, weighted
 * {@code south}), written through the lead's real writer at known times in a week of their own
 * (a random week between 2000 and 2019, so that the shared test databases hold no other lead in
 * it), and the figures computed by hand (docs/reporting.md has the definitions). Times are
 * Asia/Shanghai; every SLA is one hour; the writer counts "working time" as half the clock time,
 * which is enough to see the working figures come from the lead rows.
 */
final class ReportFigures {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final Duration SLA = Duration.ofHours(1);

  final String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
  final String east = "rpt-e-" + suffix;
  final String south = "rpt-s-" + suffix;
  final String a1 = "rpa1." + suffix;
  final String a2 = "rpa2." + suffix;
  final String b1 = "rpb1." + suffix;
  final String b2 = "rpb2." + suffix;
  final String manager = "rpm." + suffix;
  final String analyst = "rpx." + suffix;
  final String staff = "rps." + suffix;
  /** The Monday the fixture's week starts. */
  final LocalDate monday = LocalDate.of(2000, 1, 3)
      .plusWeeks(ThreadLocalRandom.current().nextInt(1000)).with(DayOfWeek.MONDAY);

  private final MutableClock clock = new MutableClock();
  private final Leads leads;
  private final TransactionTemplate tx;
  private int serial;

  ReportFigures(ApplicationContext context) {
    this.leads = ClockedLeads.of(context, clock, (from, to) ->
        Duration.between(from, to).toSeconds() / 2);
    this.tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
  }

  /** The window of the fixture's week, as the API's from/to parameters. */
  String window() {
    return "from=" + monday + "&to=" + monday.plusDays(6);
  }

  void build(TeamDirectory directory, IdentityService identity) {
    Teams.exactly(directory, identity, east, a1, a2);
    Teams.exactly(directory, identity, south, b1, b2);
    directory.save(directory.profile(b1).setWeight(2));
    directory.ensureManager(manager, "Rpt", "Manager", manager + "@test.example", Teams.PASSWORD,
        east);
    directory.ensureUser(analyst, "Rpt", "Analyst", analyst + "@test.example", Teams.PASSWORD);
    directory.ensureGroup(Caller.ANALYSTS, "业务分析师 / Analysts", "WORKFLOW");
    directory.ensureMember(analyst, Caller.ANALYSTS);
    directory.ensureUser(staff, "Rpt", "Staff", staff + "@test.example", Teams.PASSWORD);
    directory.ensureGroup(Caller.STAFF, "协作人员 / Staff", "WORKFLOW");
    directory.ensureMember(staff, Caller.STAFF);

    // Sunday before the week: outside the window.
    long l0 = lead(at(-1, "23:00"), LeadSource.WEBSITE_FORM, east, "ROUND_ROBIN", "Rule_RptA", 1,
        LeadStage.SQL);
    assign(l0, at(-1, "23:00"), a1, "ROUND_ROBIN");

    // Tuesday
    long l1 = lead(at(1, "10:00"), LeadSource.WEBSITE_FORM, east, "ROUND_ROBIN", "Rule_RptA", 1,
        LeadStage.SQL);
    assign(l1, at(1, "10:00"), a1, "ROUND_ROBIN");
    contact(l1, at(1, "10:04"), a1);
    step(at(2, "10:00"), l -> l.qualify(l1, a1, null));
    step(at(11, "10:00"), l -> l.win(l1, new BigDecimal("100000"), a1, null));

    long l2 = lead(at(1, "11:00"), LeadSource.WEBSITE_FORM, east, "ROUND_ROBIN", "Rule_RptA", 1,
        LeadStage.SQL);
    assign(l2, at(1, "11:00"), a2, "ROUND_ROBIN; SKIPPED_OUT_OF_OFFICE: " + a1);
    contact(l2, at(1, "11:30"), a2);
    step(at(3, "11:00"), l -> l.lose(l2, LostReason.NO_NEED, a2, null));

    // Wednesday
    long l3 = lead(at(2, "09:00"), LeadSource.TRADE_SHOW, east, "ROUND_ROBIN", "Rule_RptA", 2,
        LeadStage.SQL);
    assign(l3, at(2, "09:00"), a1, "ROUND_ROBIN");
    step(at(2, "10:00"), l -> l.reclaim(l3, "SLA_MISSED"));
    step(at(2, "12:00"), l -> l.claim(l3, a2, east, at(2, "13:00")));
    contact(l3, at(2, "12:10"), a2);
    step(at(2, "14:00"), l -> l.qualify(l3, a2, null));
    step(at(22, "09:00"), l -> l.win(l3, new BigDecimal("50000"), a2, null));

    long l4 = lead(at(2, "10:00"), LeadSource.TRADE_SHOW, south, "WEIGHTED", "Rule_华南", 2,
        LeadStage.SQL);
    assign(l4, at(2, "10:00"), b1, "WEIGHTED; SKIPPED_FULL: " + b2);

    // Thursday
    long l5 = lead(at(3, "10:00"), LeadSource.TRADE_SHOW, south, "WEIGHTED", "Rule_华南", 2,
        LeadStage.SQL);
    step(at(3, "10:00"), l -> l.putIntoPool(l5, Leads.NO_ELIGIBLE_REP,
        "NO_ELIGIBLE_REP; SKIPPED_FULL: " + b1 + "; SKIPPED_UNAVAILABLE: " + b2));
    step(at(4, "10:00"), l -> l.expireFromPool(l5, LeadStage.NURTURE, "POOL_EXPIRED"));

    long l6 = lead(at(3, "11:00"), LeadSource.WEBSITE_FORM, south, "WEIGHTED", "Rule_华南", 1,
        LeadStage.SQL);
    assign(l6, at(3, "11:00"), b2, "WEIGHTED");
    for (String time : List.of("12:00", "12:30")) {
      step(at(3, time), l -> l.mergeDuplicate(new Leads.ContactMatch(l.get(l6), "email:again"),
          LeadSource.WEBINAR));
    }
    contact(l6, at(3, "13:00"), b2);
    step(at(3, "15:00"), l -> l.lose(l6, LostReason.BAD_DATA, b2, "空号"));

    // Friday: a lead routed before decision versions were recorded, and one pooled as an MQL
    long l7 = lead(at(4, "09:00"), LeadSource.PARTNER_REFERRAL, east, "ROUND_ROBIN", "Rule_RptA",
        null, LeadStage.SQL);
    assign(l7, at(4, "09:00"), a1, "ROUND_ROBIN");
    contact(l7, at(4, "09:01"), a1);

    long l8 = lead(at(4, "10:00"), LeadSource.PARTNER_REFERRAL, east, "ROUND_ROBIN",
        "Rule_RptPool", 2, LeadStage.MQL);
    step(at(4, "10:00"), l -> l.putIntoPool(l8, "ROUTED_TO_POOL", null));
    step(at(4, "15:00"), l -> l.claim(l8, a2, east, at(4, "16:00")));
    contact(l8, at(4, "15:10"), a2);
  }

  Instant at(int dayOfWeek, String time) {
    return LocalDateTime.of(monday.plusDays(dayOfWeek), LocalTime.parse(time))
        .atZone(SHANGHAI).toInstant();
  }

  private long lead(Instant at, LeadSource source, String team, String strategy, String rule,
      Integer version, LeadStage stage) {
    int n = ++serial;
    long[] id = new long[1];
    step(at, l -> {
      LeadFacts facts = new LeadFacts(null, source, "报表客户" + n, "上海报表" + n + "有限公司", null,
          true, "report." + suffix + "." + n + "@test.example", null, "上海市", "上海", "制造业",
          "MES", 100, null, List.of(), Map.of(), List.of());
      id[0] = l.create(facts).getId();
      l.recordRouting(id[0], team, strategy, stage, rule, rule + ": fixture",
          version == null ? null : "LeadRouting:" + version + ":x", version);
    });
    return id[0];
  }

  private void assign(long id, Instant at, String rep, String reason) {
    step(at, l -> l.assign(id, rep, at.plus(SLA), reason));
  }

  private void contact(long id, Instant at, String rep) {
    step(at, l -> l.recordContact(id, ContactChannel.CALL, rep, null, at));
  }

  private void step(Instant at, Consumer<Leads> change) {
    clock.now = at;
    tx.executeWithoutResult(status -> change.accept(leads));
  }

  // --- reading the API's answers

  static JsonNode rows(ApiClient client, String path) {
    var response = client.get(path);
    assertThat(response.getStatusCode().value()).as("%s: %s", path, response.getBody())
        .isEqualTo(200);
    return response.getBody().get("rows");
  }

  /** The row whose key fields have these values. */
  static JsonNode row(JsonNode rows, Object... keys) {
    List<JsonNode> found = new ArrayList<>();
    rows.forEach(row -> {
      for (int i = 0; i < keys.length; i += 2) {
        JsonNode value = row.get((String) keys[i]);
        Object wanted = keys[i + 1];
        if (wanted == null ? !value.isNull() : !value.asText().equals(wanted.toString())) {
          return;
        }
      }
      found.add(row);
    });
    assertThat(found).as("rows with %s in %s", Arrays.asList(keys), rows).hasSize(1);
    return found.get(0);
  }

  /** Each named figure of the row equals its value (numbers by value: 0.5 = 0.5000). */
  static void expect(JsonNode row, Object... figures) {
    for (int i = 0; i < figures.length; i += 2) {
      String field = (String) figures[i];
      Object wanted = figures[i + 1];
      JsonNode value = row.get(field);
      assertThat(value).as("%s in %s", field, row).isNotNull();
      if (wanted == null) {
        assertThat(value.isNull()).as("%s in %s is null", field, row).isTrue();
      } else if (wanted instanceof Number number) {
        assertThat(value.isNull()).as("%s in %s", field, row).isFalse();
        assertThat(new BigDecimal(value.asText()))
            .as("%s in %s", field, row).isEqualByComparingTo(new BigDecimal(number.toString()));
      } else {
        assertThat(value.asText()).as("%s in %s", field, row).isEqualTo(wanted.toString());
      }
    }
  }

  static final class MutableClock extends Clock {
    volatile Instant now = Instant.EPOCH;

    @Override
    public ZoneId getZone() {
      return SHANGHAI;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
