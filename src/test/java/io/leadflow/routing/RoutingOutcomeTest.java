package io.leadflow.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.lead.LeadStage;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a routing rule's outputs are read: no engine, just the table's values and the defaults. */
class RoutingOutcomeTest {

  static final RoutingProperties DEFAULTS =
      new RoutingProperties(Duration.ofHours(24), "ROUND_ROBIN", Duration.ofHours(48));

  static Map<String, Object> outputs(String team, String strategy, String sla, String stage,
      String escalateAfter, String reason) {
    Map<String, Object> outputs = new HashMap<>();
    outputs.put("team", team);
    outputs.put("strategy", strategy);
    outputs.put("slaDuration", sla);
    outputs.put("stage", stage);
    outputs.put("escalateAfter", escalateAfter);
    outputs.put("reason", reason);
    return outputs;
  }

  @Test
  void aCompleteRuleIsTakenAsItIs() {
    RoutingOutcome routing = RoutingOutcome.interpret("Rule_MfgMes",
        outputs("mfg-mes", "round_robin", "PT4H", "SQL", "P2D", "制造业MES"), DEFAULTS);

    assertThat(routing).isEqualTo(new RoutingOutcome("mfg-mes", "ROUND_ROBIN", "PT4H", "P2D",
        LeadStage.SQL, "Rule_MfgMes", "制造业MES"));
    assertThat(routing.pooled()).isFalse();
  }

  @Test
  void noMatchingRuleSendsTheLeadToThePool() {
    RoutingOutcome routing = RoutingOutcome.interpret(null, null, DEFAULTS);

    assertThat(routing).isEqualTo(new RoutingOutcome("pool", null, "PT24H", "PT48H",
        LeadStage.SQL, null, "NO_ROUTING_RULE_MATCHED"));
    assertThat(routing.pooled()).isTrue();
  }

  @Test
  void aRuleWithoutATeamIsNoMatchEither() {
    RoutingOutcome routing = RoutingOutcome.interpret("Rule_Broken",
        outputs(" ", "WEIGHTED", "PT8H", "MQL", null, "typo"), DEFAULTS);

    assertThat(routing.team()).isEqualTo("pool");
    assertThat(routing.reason()).isEqualTo("NO_ROUTING_RULE_MATCHED");
    assertThat(routing.stage()).isEqualTo(LeadStage.MQL);
    assertThat(routing.strategy()).isNull();
  }

  @Test
  void anUnknownStrategyAndAnUnreadableSlaFallBackAndSaySo() {
    RoutingOutcome routing = RoutingOutcome.interpret("Rule_X",
        outputs("east-china", "FASTEST", "24 hours", "sql", "soon", "华东"), DEFAULTS);

    assertThat(routing.strategy()).isEqualTo("ROUND_ROBIN");
    assertThat(routing.slaDuration()).isEqualTo("PT24H");
    assertThat(routing.escalateAfter()).isEqualTo("PT48H");
    assertThat(routing.reason()).isEqualTo("华东 (strategy 'FASTEST' unknown, used ROUND_ROBIN)"
        + " (SLA '24 hours' unreadable, used PT24H)");
  }

  @Test
  void aNegativeSlaIsUnreadableAndAMissingReasonIsTheFallbackAlone() {
    RoutingOutcome routing = RoutingOutcome.interpret("Rule_Y",
        outputs("south-china", "LOAD_BALANCED", "-PT1H", null, "PT1H", null), DEFAULTS);

    assertThat(routing.slaDuration()).isEqualTo("PT24H");
    assertThat(routing.reason()).isEqualTo("SLA '-PT1H' unreadable, used PT24H");
    assertThat(routing.stage()).as("anything but MQL is SQL").isEqualTo(LeadStage.SQL);
    assertThat(routing.escalateAfter()).isEqualTo("PT1H");
  }

  @Test
  void thePoolKeepsAReadableSlaAndNeedsNoStrategy() {
    RoutingOutcome routing = RoutingOutcome.interpret("Rule_Pool",
        outputs("pool", "FASTEST", "PT72H", "MQL", null, "培育"), DEFAULTS);

    assertThat(routing).isEqualTo(new RoutingOutcome("pool", null, "PT72H", "PT48H",
        LeadStage.MQL, "Rule_Pool", "培育"));
  }

  // --- the checks before deploy: what interpret would have to replace -----------------------

  @Test
  void aCompleteRuleForAKnownTeamHasNoProblems() {
    assertThat(RoutingOutcome.problems("Rule_MfgMes",
        outputs("mfg-mes", "round_robin", "PT4H", "sql", "P2D", "制造业MES"), DEFAULTS,
        "mfg-mes"::equals)).isEmpty();
    assertThat(RoutingOutcome.problems("Rule_Pool", outputs("pool", null, null, "MQL", null,
        "公海"), DEFAULTS, team -> false)).isEmpty();
  }

  @Test
  void everyOutputLeadFlowWouldReplaceIsAProblemOfItsOwn() {
    assertThat(RoutingOutcome.problems("Rule_Bad",
        outputs("north-china", "RANDOM", "24 hours", "HOT", "soon", null), DEFAULTS,
        "east-china"::equals))
        .extracting(RoutingOutcome.OutputProblem::output)
        .containsExactly("team", "stage", "escalateAfter", "strategy", "slaDuration");
    assertThat(RoutingOutcome.problems("Rule_NoTeam", outputs(null, "WEIGHTED", "PT24H", "SQL",
        null, null), DEFAULTS, team -> true)).extracting(RoutingOutcome.OutputProblem::output)
        .containsExactly("team");
  }
}
