package io.leadflow.approval;

import static io.leadflow.models.LeadLifecycle.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.support.DmnTable.FirstHit;
import io.leadflow.support.DmnTable;
import java.math.BigDecimal;
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
 * The approval table on its own (plain DMN engine): which opportunities need approval, by whom, how
 * (ALL: every approver, ANY: the first decision counts), and what happens when an approval task
 * runs out of time. The matched rule is captured with a post decision table evaluation listener.
 */
class LeadApprovalDecisionTest {

  private static final String ESTIMATED_AMOUNT = "estimatedAmount";
  private static final List<String> OUTPUTS = List.of("approvalRequired", "approverGroup",
      "approvalMode", "approvalTimeLimit", "timeoutAction", "escalationGroup", "reason");

  private static DmnTable approvalTable;

  @BeforeAll
  static void parseTable() {
    approvalTable = DmnTable.load("/decisions/LeadApproval.dmn", "LeadApproval");
  }

  // --- 5 million and more: all sales directors, the sales VP on timeout

  @ParameterizedTest
  @ValueSource(doubles = {5_000_000, 5_000_000.01, 12_000_000})
  void allSalesDirectorsApproveFiveMillionOrMoreAndTheVpGetsItOnTimeout(double amount) {
    Approval approval = approve(amount, "strategic");

    assertThat(approval.rule()).isEqualTo("Rule_Major");
    assertThat(approval.outputs()).containsOnlyKeys(OUTPUTS);
    assertThat(approval.required()).isTrue();
    assertThat(approval.text("approverGroup")).isEqualTo("sales-directors");
    assertThat(approval.text("approvalMode")).isEqualTo("ALL");
    assertThat(approval.text("approvalTimeLimit")).isEqualTo("PT24H");
    assertThat(Duration.parse(approval.text("approvalTimeLimit"))).isEqualTo(Duration.ofHours(24));
    assertThat(approval.text("timeoutAction")).isEqualTo("ESCALATE");
    assertThat(approval.text("escalationGroup")).isEqualTo("sales-vp");
    assertThat(approval.text("reason")).isEqualTo("预计金额不低于500万：销售总监会签，超时升级至销售副总裁"
        + " / 5M or more: all sales directors approve, escalate to the sales VP on timeout");
  }

  @Test
  void exactlyFiveMillionIsMajorAndJustBelowIsLarge() {
    assertThat(approve(5_000_000.0, null).rule()).isEqualTo("Rule_Major");
    assertThat(approve(4_999_999.0, null).rule()).isEqualTo("Rule_Large");
    assertThat(approve(4_999_999.99, null).rule()).isEqualTo("Rule_Large");
  }

  // --- 1 million and more: any one sales director, approved on timeout

  @ParameterizedTest
  @ValueSource(doubles = {1_000_000, 1_000_000.01, 4_999_999})
  void anySalesDirectorApprovesOneMillionOrMoreAndTimeoutApproves(double amount) {
    Approval approval = approve(amount, "east-china");

    assertThat(approval.rule()).isEqualTo("Rule_Large");
    assertThat(approval.required()).isTrue();
    assertThat(approval.text("approverGroup")).isEqualTo("sales-directors");
    assertThat(approval.text("approvalMode")).isEqualTo("ANY");
    assertThat(approval.text("approvalTimeLimit")).isEqualTo("PT48H");
    assertThat(Duration.parse(approval.text("approvalTimeLimit"))).isEqualTo(Duration.ofHours(48));
    assertThat(approval.text("timeoutAction")).isEqualTo("AUTO_APPROVE");
    assertThat(approval.outputs()).as("no escalation group without escalation")
        .doesNotContainKey("escalationGroup");
    assertThat(approval.text("reason")).startsWith("预计金额不低于100万").contains("或签")
        .contains("自动通过").contains(" / 1M or more").contains("auto-approved on timeout");
  }

  @Test
  void exactlyOneMillionIsLargeAndJustBelowNeedsNoApproval() {
    assertThat(approve(1_000_000.0, null).rule()).isEqualTo("Rule_Large");
    assertThat(approve(999_999.99, null).rule()).isEqualTo("Rule_NoApproval");
  }

  // --- Below 1 million, or no amount: no approval, never an error

  @ParameterizedTest
  @ValueSource(doubles = {999_999.99, 500_000, 0, -1})
  void smallerOpportunitiesNeedNoApproval(double amount) {
    assertNoApproval(approve(amount, "south-china"));
  }

  @Test
  void anOpportunityWithoutAnAmountNeedsNoApproval() {
    assertNoApproval(approve(null, "strategic"));
  }

  @Test
  void anOpportunityWithoutAnyVariablesNeedsNoApproval() {
    assertNoApproval(approve(new HashMap<>()));
  }

  @Test
  void theTeamDoesNotChangeTheOutcome() {
    for (String team : new String[] {"strategic", "east-china", "pool", null}) {
      assertThat(approve(6_000_000.0, team).rule()).isEqualTo("Rule_Major");
      assertThat(approve(2_000_000.0, team).rule()).isEqualTo("Rule_Large");
      assertThat(approve(10_000.0, team).rule()).isEqualTo("Rule_NoApproval");
    }
  }

  @Test
  void acceptsWholeAndDecimalAmounts() {
    assertThat(approve(Map.of(ESTIMATED_AMOUNT, 5_000_000)).rule()).isEqualTo("Rule_Major");
    assertThat(approve(Map.of(ESTIMATED_AMOUNT, 1_000_000L)).rule()).isEqualTo("Rule_Large");
    assertThat(approve(Map.of(ESTIMATED_AMOUNT, new BigDecimal("999999.99"))).rule())
        .isEqualTo("Rule_NoApproval");
    assertThat(approve(Map.of(ESTIMATED_AMOUNT, new BigDecimal("5000000.00"))).rule())
        .isEqualTo("Rule_Major");
  }

  @Test
  void firstHitReturnsOnlyTheFirstMatchingRuleEvenThoughLaterRulesAlsoMatch() {
    Approval approval = approve(8_000_000.0, null);

    assertThat(approval.rule()).isEqualTo("Rule_Major");
    assertThat(approval.text("approvalMode")).isEqualTo("ALL");
    // 8 million matches all three rows; FIRST hands back the top one only (checked in approve()).
  }

  @Test
  void tableIsAFirstHitTableOfBilingualRulesAnAnalystCanEdit() {
    DmnModelInstance model = approvalTable.model();
    Decision approval = model.getModelElementById("LeadApproval");
    assertThat(approval.getName()).isEqualTo("高额商机审批规则 / High-value opportunity approval");
    assertThat(approval.getCamundaHistoryTimeToLiveString()).isEqualTo("180");
    assertThat(DmnTable.bilingual(approval.getDescription().getTextContent())).as("bilingual description").isTrue();
    DecisionTable table = (DecisionTable) approval.getExpression();
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.FIRST);
    assertThat(table.getInputs()).extracting(i -> i.getInputExpression().getText().getTextContent())
        .containsExactly(ESTIMATED_AMOUNT, TEAM);
    assertThat(table.getInputs()).extracting(i -> i.getInputExpression().getTypeRef())
        .containsExactly("double", "string");
    assertThat(table.getInputs()).extracting(Input::getLabel)
        .containsExactly("预计金额（元） / Estimated amount (CNY)", "销售团队 / Team");
    assertThat(table.getOutputs()).extracting(Output::getName).containsExactlyElementsOf(OUTPUTS);
    assertThat(table.getOutputs()).extracting(Output::getTypeRef)
        .containsExactly("boolean", "string", "string", "string", "string", "string", "string");
    assertThat(table.getOutputs()).extracting(Output::getLabel).allMatch(DmnTable::bilingual);
    assertThat(table.getRules()).extracting(Rule::getId)
        .containsExactly("Rule_Major", "Rule_Large", "Rule_NoApproval");
    assertThat(table.getRules()).extracting(rule -> rule.getDescription().getTextContent())
        .allMatch(DmnTable::bilingual);
    DmnTable.assertEveryRuleIsComplete(table);
    assertThat(DmnTable.shapesInTheDiagram(model)).as("DMNDI shapes, for Camunda Modeler").containsExactly("LeadApproval");
  }

  private static void assertNoApproval(Approval approval) {
    assertThat(approval.rule()).isEqualTo("Rule_NoApproval");
    assertThat(approval.required()).isFalse();
    assertThat(approval.outputs()).as("empty output cells are absent")
        .containsOnlyKeys("approvalRequired", "reason");
    assertThat(approval.text("reason")).isEqualTo("无需审批 / No approval needed");
  }

  private static Approval approve(Double estimatedAmount, String team) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(ESTIMATED_AMOUNT, estimatedAmount);
    variables.put(TEAM, team);
    return approve(variables);
  }

  private static Approval approve(Map<String, Object> variables) {
    FirstHit hit = approvalTable.firstHit(variables);
    return new Approval(hit.rule(), hit.outputs());
  }

  /** The first matching rule and its outputs (see {@link FirstHit}), read by name. */
  private record Approval(String rule, DmnDecisionRuleResult outputs) {
    String text(String output) {
      return (String) outputs.get(output);
    }

    Boolean required() {
      Object value = outputs.get("approvalRequired");
      assertThat(value).as("approvalRequired is a Boolean").isInstanceOf(Boolean.class);
      return (Boolean) value;
    }
  }
}
