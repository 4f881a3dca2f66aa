package io.leadflow.routing;

import static io.leadflow.models.LeadLifecycle.INDUSTRY;
import static io.leadflow.models.LeadLifecycle.PRODUCT;
import static io.leadflow.models.LeadLifecycle.REGION;
import static io.leadflow.models.LeadLifecycle.SCORE;
import static io.leadflow.models.LeadRouting.POOL_TEAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.leadflow.support.DmnTable.FirstHit;
import io.leadflow.support.DmnTable;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The routing table on its own (plain DMN engine): which rule wins for a lead, in table order
 * (FIRST), and what it hands to assignment. The matched rule is captured with a post decision table
 * evaluation listener, the same mechanism the app uses to record the routing rule on the lead.
 */
class LeadRoutingDecisionTest {

  private static final int ROUTABLE_SCORE = 70;

  private static DmnTable routingTable;

  @BeforeAll
  static void parseTable() {
    routingTable = DmnTable.load("/decisions/LeadRouting.dmn", "LeadRouting");
  }

  // --- Score first: strategic accounts above 80, nurturing at 60 and below

  @ParameterizedTest
  @ValueSource(ints = {81, 85, 100})
  void routesHighScoreLeadsToStrategicAccounts(int score) {
    Routing routing = route(score, null, null, null);

    assertThat(routing.rule()).isEqualTo("Rule_Strategic");
    assertRoutedTo(routing, "strategic", "WEIGHTED", "PT24H", "PT24H");
    assertThat(routing.reason()).startsWith("评分高于80").contains("Score above 80");
  }

  @Test
  void routesAHighScoreManufacturingLeadToStrategicAccountsFirst() {
    Routing routing = route(85, "制造业", "MES", "上海");

    assertThat(routing.rule()).isEqualTo("Rule_Strategic");
    assertThat(routing.team()).isEqualTo("strategic");
  }

  @Test
  void doesNotRouteAScoreOfExactly80ToStrategicAccounts() {
    Routing routing = route(80, "制造业", "MES", null);

    assertThat(routing.rule()).isEqualTo("Rule_MfgMes");
    assertThat(routing.team()).isEqualTo("mfg-mes");
  }

  @ParameterizedTest
  @ValueSource(ints = {60, 50, 0})
  void sendsLowScoreLeadsToThePoolForNurturing(int score) {
    Routing routing = route(score, null, null, null);

    assertThat(routing.rule()).isEqualTo("Rule_LowScorePool");
    assertInPool(routing, "MQL");
    assertThat(routing.reason()).contains("60").contains("nurture");
  }

  @Test
  void nurturesALowScoreShanghaiLeadInThePoolBeforeRegionRouting() {
    Routing routing = route(50, null, null, "上海");

    assertThat(routing.rule()).isEqualTo("Rule_LowScorePool");
    assertInPool(routing, "MQL");
  }

  @Test
  void nurturesALowScoreManufacturingLeadInThePoolBeforeIndustryRouting() {
    Routing routing = route(60, "制造业", "MES", "上海");

    assertThat(routing.rule()).isEqualTo("Rule_LowScorePool");
    assertInPool(routing, "MQL");
  }

  @Test
  void routesAScoreOf61LikeAnyQualifiedLead() {
    Routing routing = route(61, null, null, "上海");

    assertThat(routing.rule()).isEqualTo("Rule_EastChina");
    assertRoutedTo(routing, "east-china", "ROUND_ROBIN", "PT24H", "PT48H");
  }

  // --- Then industry and product

  @Test
  void routesManufacturingMesLeadsToTheMesSpecialists() {
    Routing routing = route(ROUTABLE_SCORE, "制造业", "MES", "上海市浦东新区");

    assertThat(routing.rule()).isEqualTo("Rule_MfgMes");
    assertRoutedTo(routing, "mfg-mes", "ROUND_ROBIN", "PT24H", "PT48H");
    assertThat(routing.reason()).contains("MES");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ERP", "WMS"})
  void routesOtherManufacturingLeadsToTheManufacturingSpecialists(String product) {
    Routing routing = route(ROUTABLE_SCORE, "制造业", product, "广东省深圳市");

    assertThat(routing.rule()).isEqualTo("Rule_Manufacturing");
    assertRoutedTo(routing, "manufacturing", "LOAD_BALANCED", "PT24H", "PT48H");
  }

  @Test
  void routesManufacturingLeadsWithoutAProductToTheManufacturingSpecialists() {
    Routing routing = route(ROUTABLE_SCORE, "制造业", null, null);

    assertThat(routing.rule()).isEqualTo("Rule_Manufacturing");
    assertThat(routing.team()).isEqualTo("manufacturing");
  }

  @Test
  void routesMesLeadsOutsideManufacturingByRegion() {
    Routing routing = route(ROUTABLE_SCORE, "金融", "MES", "江苏省南京市");

    assertThat(routing.rule()).isEqualTo("Rule_EastChina");
    assertThat(routing.team()).isEqualTo("east-china");
  }

  // --- Then region, matched anywhere in the free text

  @Test
  void routesShanghaiPudongLeadsToEastChina() {
    Routing routing = route(ROUTABLE_SCORE, "金融", null, "上海市浦东新区");

    assertThat(routing.rule()).isEqualTo("Rule_EastChina");
    assertRoutedTo(routing, "east-china", "ROUND_ROBIN", "PT24H", "PT48H");
    assertThat(routing.reason()).contains("华东").contains("East China");
  }

  @ParameterizedTest
  @ValueSource(strings = {"上海", "浙江省杭州市", "江苏", "江苏省苏州市昆山市", "中国浙江宁波"})
  void routesEastChinaLeadsToEastChina(String region) {
    Routing routing = route(ROUTABLE_SCORE, null, null, region);

    assertThat(routing.rule()).isEqualTo("Rule_EastChina");
    assertRoutedTo(routing, "east-china", "ROUND_ROBIN", "PT24H", "PT48H");
  }

  @ParameterizedTest
  @ValueSource(strings = {"广东省深圳市", "广东", "福建", "福建省厦门市"})
  void routesSouthChinaLeadsToSouthChina(String region) {
    Routing routing = route(ROUTABLE_SCORE, "零售", null, region);

    assertThat(routing.rule()).isEqualTo("Rule_SouthChina");
    assertRoutedTo(routing, "south-china", "LOAD_BALANCED", "PT24H", "PT48H");
    assertThat(routing.reason()).contains("华南").contains("South China");
  }

  // --- Otherwise the pool, never an error

  @ParameterizedTest
  @ValueSource(strings = {"北京", "四川省成都市", "Shanghai", ""})
  void sendsLeadsFromOtherRegionsToThePool(String region) {
    Routing routing = route(ROUTABLE_SCORE, "金融", "CRM", region);

    assertThat(routing.rule()).isEqualTo("Rule_Otherwise");
    assertInPool(routing, "SQL");
    assertThat(routing.reason()).contains("No team matches");
  }

  @Test
  void sendsALeadWithoutRegionOrIndustryToThePool() {
    Routing routing = route(ROUTABLE_SCORE, null, null, null);

    assertThat(routing.rule()).isEqualTo("Rule_Otherwise");
    assertInPool(routing, "SQL");
  }

  @Test
  void sendsALeadWithoutAnyRoutingVariablesToThePool() {
    Routing routing = route(new HashMap<>());

    assertThat(routing.rule()).isEqualTo("Rule_Otherwise");
    assertInPool(routing, "SQL");
  }

  // --- Stall escalation: how long the stage may stand still before the team's manager is alerted

  @Test
  void escalatesAStalledStrategicLeadAfter24Hours() {
    Routing routing = route(90, null, null, null);

    assertThat(routing.rule()).isEqualTo("Rule_Strategic");
    assertThat(routing.escalateAfter()).isEqualTo("PT24H");
    assertThat(Duration.parse(routing.escalateAfter())).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void escalatesAStalledLeadOfEveryOtherTeamAfter48Hours() {
    assertThat(List.of(
        route(ROUTABLE_SCORE, "制造业", "MES", null),
        route(ROUTABLE_SCORE, "制造业", "ERP", null),
        route(ROUTABLE_SCORE, null, null, "上海"),
        route(ROUTABLE_SCORE, null, null, "广东")))
        .extracting(Routing::rule, Routing::escalateAfter)
        .containsExactly(
            tuple("Rule_MfgMes", "PT48H"),
            tuple("Rule_Manufacturing", "PT48H"),
            tuple("Rule_EastChina", "PT48H"),
            tuple("Rule_SouthChina", "PT48H"));
  }

  @Test
  void neverEscalatesALeadInThePool() {
    assertThat(List.of(route(50, null, null, "上海"), route(ROUTABLE_SCORE, null, null, "北京")))
        .extracting(Routing::rule, Routing::escalateAfter)
        .containsExactly(tuple("Rule_LowScorePool", null), tuple("Rule_Otherwise", null));
  }

  @Test
  void tableIsAFirstHitTableOfBilingualRulesAnAnalystCanEdit() {
    DmnModelInstance model = routingTable.model();
    Decision routing = model.getModelElementById("LeadRouting");
    assertThat(routing.getCamundaHistoryTimeToLiveString()).isEqualTo("180");
    DecisionTable table = (DecisionTable) routing.getExpression();
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.FIRST);
    assertThat(table.getInputs()).extracting(i -> i.getInputExpression().getText().getTextContent())
        .containsExactly(SCORE, INDUSTRY, PRODUCT, REGION);
    assertThat(table.getInputs()).extracting(Input::getLabel).allMatch(DmnTable::bilingual);
    assertThat(table.getOutputs()).extracting(Output::getName)
        .containsExactly("team", "strategy", "slaDuration", "stage", "escalateAfter", "reason");
    assertThat(table.getOutputs()).extracting(Output::getLabel).allMatch(DmnTable::bilingual);
    assertThat(table.getRules()).extracting(Rule::getId).containsExactly("Rule_Strategic",
        "Rule_LowScorePool", "Rule_MfgMes", "Rule_Manufacturing", "Rule_EastChina",
        "Rule_SouthChina", "Rule_Otherwise");
    assertThat(table.getRules()).extracting(rule -> rule.getDescription().getTextContent())
        .allMatch(DmnTable::bilingual);
    DmnTable.assertEveryRuleIsComplete(table);
    assertThat(DmnTable.shapesInTheDiagram(model)).as("DMNDI shapes, for Camunda Modeler").containsExactly("LeadRouting");
  }

  private static void assertRoutedTo(Routing routing, String team, String strategy, String sla,
      String escalateAfter) {
    assertThat(routing.team()).isEqualTo(team);
    assertThat(routing.strategy()).isEqualTo(strategy);
    assertThat(routing.slaDuration()).isEqualTo(sla);
    assertThat(Duration.parse(routing.slaDuration())).isPositive();
    assertThat(routing.escalateAfter()).isEqualTo(escalateAfter);
    assertThat(Duration.parse(routing.escalateAfter())).isPositive();
    assertThat(routing.stage()).isEqualTo("SQL");
    assertThat(routing.reason()).matches(".*\\p{IsHan}.* / [A-Za-z].*");
  }

  private static void assertInPool(Routing routing, String stage) {
    assertThat(routing.team()).isEqualTo(POOL_TEAM);
    assertThat(routing.strategy()).isNull();
    assertThat(routing.slaDuration()).isNull();
    assertThat(routing.escalateAfter()).as("no stall escalation in the pool").isNull();
    assertThat(routing.outputs()).doesNotContainKey("escalateAfter");
    assertThat(routing.stage()).isEqualTo(stage);
    assertThat(routing.reason()).matches(".*\\p{IsHan}.* / [A-Za-z].*");
  }

  private static Routing route(Integer score, String industry, String product, String region) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(SCORE, score);
    variables.put(INDUSTRY, industry);
    variables.put(PRODUCT, product);
    variables.put(REGION, region);
    return route(variables);
  }

  private static Routing route(Map<String, Object> variables) {
    FirstHit hit = routingTable.firstHit(variables);
    return new Routing(hit.rule(), hit.outputs());
  }

  /** The first matching rule and its outputs (see {@link FirstHit}), read by name. */
  private record Routing(String rule, DmnDecisionRuleResult outputs) {
    private String text(String output) {
      return (String) outputs.get(output);
    }

    String team() {
      return text("team");
    }

    String strategy() {
      return text("strategy");
    }

    String slaDuration() {
      return text("slaDuration");
    }

    String stage() {
      return text("stage");
    }

    String escalateAfter() {
      return text("escalateAfter");
    }

    String reason() {
      return text("reason");
    }
  }
}
