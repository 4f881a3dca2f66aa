package io.leadflow.scoring;

import static io.leadflow.models.LeadLifecycle.BUDGET;
import static io.leadflow.models.LeadLifecycle.CASE_STUDY_DOWNLOADS;
import static io.leadflow.models.LeadLifecycle.COMPANY_SIZE;
import static io.leadflow.models.LeadLifecycle.DECISION_MAKER;
import static io.leadflow.models.LeadLifecycle.INDUSTRY;
import static io.leadflow.models.LeadLifecycle.PRICING_PAGE_VIEWS;
import static io.leadflow.models.LeadLifecycle.SOURCE;
import static io.leadflow.models.LeadLifecycle.WEBSITE_VISITS_LAST_30_DAYS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.leadflow.support.DmnTable;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.model.dmn.BuiltinAggregator;
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
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scoring table on its own (plain DMN engine, no process engine): each rule's points, how they
 * add up, and what an empty lead gives. Matched rules are captured with a post decision table
 * evaluation listener, the same mechanism the app uses to keep the score breakdown.
 */
class LeadScoringDecisionTest {

  private static final String POINTS = "points";
  /**
   * The webinar count is an input of the table but not yet a fact the intake sets (LeadIntake has
   * no webinar activity), so a lead usually arrives without this variable at all.
   */
  private static final String WEBINARS_ATTENDED = "webinarsAttended";
  /** The inputs the intake sets today, every one present (possibly null) on every lead. */
  private static final List<String> INTAKE_INPUTS = List.of(SOURCE, PRICING_PAGE_VIEWS,
      CASE_STUDY_DOWNLOADS, WEBSITE_VISITS_LAST_30_DAYS, DECISION_MAKER, COMPANY_SIZE, INDUSTRY, BUDGET);
  private static final List<String> INPUTS = Stream.concat(INTAKE_INPUTS.stream(),
      Stream.of(WEBINARS_ATTENDED)).toList();

  private static DmnTable scoringTable;

  @BeforeAll
  static void parseTable() {
    scoringTable = DmnTable.load("/decisions/LeadScoring.dmn", "LeadScoring");
  }

  static Stream<Arguments> eachRuleWithTheLeastFactThatEarnsIt() {
    return Stream.of(
        arguments("Rule_PartnerReferral", SOURCE, "PARTNER_REFERRAL", 20),
        arguments("Rule_WebsiteTrial", SOURCE, "WEBSITE_TRIAL", 15),
        arguments("Rule_TradeShow", SOURCE, "TRADE_SHOW", 5),
        arguments("Rule_PricingPageViewed", PRICING_PAGE_VIEWS, 1, 10),
        arguments("Rule_CaseStudyDownloaded", CASE_STUDY_DOWNLOADS, 1, 5),
        arguments("Rule_RepeatWebsiteVisits", WEBSITE_VISITS_LAST_30_DAYS, 2, 10),
        arguments("Rule_DecisionMaker", DECISION_MAKER, true, 15),
        arguments("Rule_LargeCompany", COMPANY_SIZE, 501, 10),
        arguments("Rule_TargetIndustry", INDUSTRY, "制造业", 10),
        arguments("Rule_LargeBudget", BUDGET, 1_000_000.0, 10),
        arguments("Rule_Webinar", WEBINARS_ATTENDED, 1, 15));
  }

  @ParameterizedTest(name = "{0}: {1} = {2} gives {3} points")
  @MethodSource("eachRuleWithTheLeastFactThatEarnsIt")
  void eachRuleAloneGivesItsPoints(String ruleId, String variable, Object value, int points) {
    Scoring scoring = score(lead(variable, value));

    assertThat(scoring.points()).isEqualTo(points);
    assertThat(scoring.matchedRules()).containsExactly(ruleId);
  }

  static Stream<Arguments> factsJustShortOfEveryRule() {
    return Stream.of(
        arguments(SOURCE, "WEBSITE_FORM"),
        arguments(SOURCE, "partner_referral"),
        arguments(PRICING_PAGE_VIEWS, 0),
        arguments(CASE_STUDY_DOWNLOADS, 0),
        arguments(WEBSITE_VISITS_LAST_30_DAYS, 1),
        arguments(DECISION_MAKER, false),
        arguments(COMPANY_SIZE, 500),
        arguments(INDUSTRY, "教育"),
        arguments(BUDGET, 999_999.99),
        arguments(WEBINARS_ATTENDED, 0));
  }

  @ParameterizedTest(name = "{0} = {1} scores nothing")
  @MethodSource("factsJustShortOfEveryRule")
  void factsJustShortOfARuleScoreNothing(String variable, Object value) {
    Scoring scoring = score(lead(variable, value));

    assertThat(scoring.matchedRules()).isEmpty();
    assertThat(scoring.result()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"制造业", "金融", "零售"})
  void everyTargetIndustryScoresTenPoints(String industry) {
    Scoring scoring = score(lead(INDUSTRY, industry));

    assertThat(scoring.points()).isEqualTo(10);
    assertThat(scoring.matchedRules()).containsExactly("Rule_TargetIndustry");
  }

  @Test
  void sumsEveryMatchingRuleOfAHotLeadInTableOrder() {
    Map<String, Object> lead = lead(SOURCE, "PARTNER_REFERRAL");
    lead.put(PRICING_PAGE_VIEWS, 3);
    lead.put(CASE_STUDY_DOWNLOADS, 2);
    lead.put(WEBSITE_VISITS_LAST_30_DAYS, 6);
    lead.put(DECISION_MAKER, true);
    lead.put(COMPANY_SIZE, 2000);
    lead.put(INDUSTRY, "金融");
    lead.put(BUDGET, 3_000_000.0);

    Scoring scoring = score(lead);

    assertThat(scoring.points()).isEqualTo(20 + 10 + 5 + 10 + 15 + 10 + 10 + 10);
    assertThat(scoring.matchedRules()).containsExactly("Rule_PartnerReferral",
        "Rule_PricingPageViewed", "Rule_CaseStudyDownloaded", "Rule_RepeatWebsiteVisits",
        "Rule_DecisionMaker", "Rule_LargeCompany", "Rule_TargetIndustry", "Rule_LargeBudget");
  }

  @Test
  void sumsOnlyTheRulesThatMatch() {
    Map<String, Object> lead = lead(SOURCE, "WEBSITE_TRIAL");
    lead.put(PRICING_PAGE_VIEWS, 0);
    lead.put(DECISION_MAKER, true);
    lead.put(COMPANY_SIZE, 120);
    lead.put(INDUSTRY, "零售");

    Scoring scoring = score(lead);

    assertThat(scoring.points()).isEqualTo(15 + 15 + 10);
    assertThat(scoring.matchedRules())
        .containsExactly("Rule_WebsiteTrial", "Rule_DecisionMaker", "Rule_TargetIndustry");
  }

  @Test
  void aWebinarAddsFifteenPointsToWhateverElseTheLeadEarns() {
    Map<String, Object> withoutWebinar = lead(SOURCE, "TRADE_SHOW");
    withoutWebinar.put(DECISION_MAKER, true);
    Map<String, Object> withWebinars = new HashMap<>(withoutWebinar);
    withWebinars.put(WEBINARS_ATTENDED, 3);

    Scoring without = score(withoutWebinar);
    Scoring with = score(withWebinars);

    assertThat(without.points()).isEqualTo(5 + 15);
    assertThat(without.matchedRules()).containsExactly("Rule_TradeShow", "Rule_DecisionMaker");
    assertThat(with.points()).isEqualTo(5 + 15 + 15);
    assertThat(with.matchedRules())
        .containsExactly("Rule_TradeShow", "Rule_DecisionMaker", "Rule_Webinar");
  }

  @Test
  void aWebinarCountOfZeroOrNoneAddsNothing() {
    Map<String, Object> lead = lead(SOURCE, "PARTNER_REFERRAL");

    lead.put(WEBINARS_ATTENDED, 0);
    assertThat(score(lead).points()).isEqualTo(20);
    assertThat(score(lead).matchedRules()).containsExactly("Rule_PartnerReferral");

    lead.put(WEBINARS_ATTENDED, null);
    assertThat(score(lead).points()).isEqualTo(20);
    assertThat(score(lead).matchedRules()).containsExactly("Rule_PartnerReferral");
  }

  /** Leads as the intake sets them today: no webinarsAttended variable, and the same scores as before. */
  @Test
  void aLeadWithoutTheWebinarVariableScoresAsBefore() {
    Map<String, Object> lead = new HashMap<>();
    INTAKE_INPUTS.forEach(name -> lead.put(name, null));
    lead.put(SOURCE, "PARTNER_REFERRAL");
    lead.put(PRICING_PAGE_VIEWS, 3);
    lead.put(CASE_STUDY_DOWNLOADS, 2);
    lead.put(WEBSITE_VISITS_LAST_30_DAYS, 6);
    lead.put(DECISION_MAKER, true);
    lead.put(COMPANY_SIZE, 2000);
    lead.put(INDUSTRY, "金融");
    lead.put(BUDGET, 3_000_000.0);
    assertThat(lead).doesNotContainKey(WEBINARS_ATTENDED);

    Scoring scoring = score(lead);

    assertThat(scoring.points()).isEqualTo(90);
    assertThat(scoring.matchedRules()).doesNotContain("Rule_Webinar").hasSize(8);
  }

  @Test
  void theSumOfIntegerPointsIsAnInteger() {
    DmnDecisionTableResult result = scoringTable.evaluate(lead(SOURCE, "TRADE_SHOW"));

    assertThat(result).hasSize(1);
    assertThat(result.getSingleResult().getEntryMap()).containsOnlyKeys(POINTS);
    assertThat((Object) result.getSingleEntry()).isInstanceOf(Integer.class).isEqualTo(5);
    assertThat(lastEvaluation().getCollectResultName()).isEqualTo(POINTS);
    assertThat(lastEvaluation().getCollectResultValue().getValue()).isEqualTo(5);
  }

  @Test
  void aLeadWithoutFactsMatchesNoRuleAndHasNoSum() {
    Scoring scoring = score(lead());

    assertThat(scoring.matchedRules()).isEmpty();
    assertThat(scoring.result()).isEmpty();
    assertThat((Object) scoring.result().getSingleEntry()).isNull();
    assertThat(lastEvaluation().getCollectResultValue()).isNull();
  }

  @Test
  void missingVariablesAreTreatedAsEmptyFacts() {
    Scoring scoring = score(new HashMap<>(Map.of(SOURCE, "PARTNER_REFERRAL")));

    assertThat(scoring.points()).isEqualTo(20);
    assertThat(scoring.matchedRules()).containsExactly("Rule_PartnerReferral");
  }

  @Test
  void acceptsLongCountsAndWholeOrDecimalBudgets() {
    Map<String, Object> lead = lead(COMPANY_SIZE, 501L);
    lead.put(PRICING_PAGE_VIEWS, 4L);
    lead.put(BUDGET, 1_000_000);
    assertThat(score(lead).matchedRules())
        .containsExactly("Rule_PricingPageViewed", "Rule_LargeCompany", "Rule_LargeBudget");

    lead.put(BUDGET, new BigDecimal("2500000.00"));
    assertThat(score(lead).points()).isEqualTo(30);

    lead.put(WEBINARS_ATTENDED, 2L);
    assertThat(score(lead).points()).isEqualTo(45);
  }

  @Test
  void tableIsACollectSumOfBilingualRulesAnAnalystCanEdit() {
    DmnModelInstance model = scoringTable.model();
    Decision lead = model.getModelElementById("LeadScoring");
    assertThat(lead.getCamundaHistoryTimeToLiveString()).isEqualTo("180");
    DecisionTable table = (DecisionTable) lead.getExpression();
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.COLLECT);
    assertThat(table.getAggregation()).isEqualTo(BuiltinAggregator.SUM);
    assertThat(table.getInputs()).extracting(i -> i.getInputExpression().getText().getTextContent())
        .containsExactlyElementsOf(INPUTS);
    assertThat(table.getInputs()).extracting(Input::getLabel).allMatch(DmnTable::bilingual);
    assertThat(table.getOutputs()).extracting(Output::getName).containsExactly(POINTS);
    assertThat(table.getOutputs()).extracting(Output::getLabel).allMatch(DmnTable::bilingual);
    assertThat(table.getRules()).extracting(Rule::getId).containsExactly("Rule_PartnerReferral",
        "Rule_WebsiteTrial", "Rule_TradeShow", "Rule_PricingPageViewed", "Rule_CaseStudyDownloaded",
        "Rule_RepeatWebsiteVisits", "Rule_DecisionMaker", "Rule_LargeCompany", "Rule_TargetIndustry",
        "Rule_LargeBudget", "Rule_Webinar");
    assertThat(table.getRules()).extracting(rule -> rule.getDescription().getTextContent())
        .allMatch(DmnTable::bilingual);
    DmnTable.assertEveryRuleIsComplete(table);
    Rule webinar = model.getModelElementById("Rule_Webinar");
    assertThat(webinar.getDescription().getTextContent()).isEqualTo("参加过线上研讨会 / Attended a webinar");
    assertThat(DmnTable.shapesInTheDiagram(model)).as("DMNDI shapes, for Camunda Modeler").containsExactly("LeadScoring");
  }

  /** A lead with every scoring input present and empty, as the intake sets them. */
  private static Map<String, Object> lead() {
    Map<String, Object> variables = new HashMap<>();
    INPUTS.forEach(name -> variables.put(name, null));
    return variables;
  }

  private static Map<String, Object> lead(String variable, Object value) {
    Map<String, Object> variables = lead();
    variables.put(variable, value);
    return variables;
  }

  private static Scoring score(Map<String, Object> variables) {
    DmnDecisionTableResult result = scoringTable.evaluate(variables);
    return new Scoring(result, scoringTable.matchedRules());
  }

  private static DmnDecisionTableEvaluationEvent lastEvaluation() {
    return scoringTable.lastEvaluation();
  }

  private record Scoring(DmnDecisionTableResult result, List<String> matchedRules) {
    Integer points() {
      assertThat(result).as("one summed result").hasSize(1);
      return result.getSingleEntry();
    }
  }
}
