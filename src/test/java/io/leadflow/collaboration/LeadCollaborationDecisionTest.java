package io.leadflow.collaboration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.leadflow.support.DmnTable;
import java.time.Period;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
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
 * The collaboration table on its own (plain DMN engine): which team a lead's tag asks for help,
 * the task it gets in Tasklist and when that task is due. There is no catch-all row: a tag the
 * table does not know gives no result, and the process then creates no task.
 */
class LeadCollaborationDecisionTest {

  private static final String TAG = "tag";
  private static final List<String> OUTPUTS =
      List.of("collaborationTeam", "collaborationTask", "collaborationDue");

  private static DmnTable collaborationTable;

  @BeforeAll
  static void parseTable() {
    collaborationTable = DmnTable.load("/decisions/LeadCollaboration.dmn", "LeadCollaboration");
  }

  static Stream<Arguments> eachTagAndTheTaskItCreates() {
    return Stream.of(
        arguments("需要竞品分析资料", "Rule_CompetitorAnalysis", "marketing-content",
            "准备竞品分析资料 / Prepare competitor analysis", "P2D", 2),
        arguments("需要技术方案", "Rule_TechnicalProposal", "presales",
            "准备技术方案 / Prepare technical proposal", "P3D", 3),
        arguments("需要客户案例", "Rule_CaseStudies", "marketing-content",
            "整理同行业客户案例 / Collect customer case studies", "P1D", 1));
  }

  @ParameterizedTest(name = "{0}: {2}, {3}, due after {4}")
  @MethodSource("eachTagAndTheTaskItCreates")
  void eachTagAsksItsTeamForATask(String tag, String rule, String team, String task, String due,
      int days) {
    DmnDecisionTableResult result = collaborate(tag);

    assertThat(matchedRules()).containsExactly(rule);
    assertThat(result).hasSize(1);
    assertThat(result.getSingleResult().getEntryMap()).containsOnlyKeys(OUTPUTS)
        .containsEntry("collaborationTeam", team)
        .containsEntry("collaborationTask", task)
        .containsEntry("collaborationDue", due);
    assertThat(Period.parse(due)).isEqualTo(Period.ofDays(days));
    assertThat(task).matches(".*\\p{IsHan}.* / [A-Za-z].*");
  }

  @ParameterizedTest
  @ValueSource(strings = {"需要报价", "需要竞品分析", "需要技术方案 ", "Technical proposal", ""})
  void anUnknownTagGivesNoResult(String tag) {
    DmnDecisionTableResult result = collaborate(tag);

    assertThat(matchedRules()).isEmpty();
    assertThat(result).isEmpty();
    assertThat((Object) result.getSingleResult()).isNull();
  }

  @Test
  void aNullTagGivesNoResult() {
    DmnDecisionTableResult result = collaborate(null);

    assertThat(matchedRules()).isEmpty();
    assertThat(result).isEmpty();
  }

  @Test
  void aLeadWithoutATagVariableGivesNoResult() {
    DmnDecisionTableResult result = collaborationTable.evaluate(new HashMap<>());

    assertThat(matchedRules()).isEmpty();
    assertThat(result).isEmpty();
  }

  @Test
  void tableIsAFirstHitTableOfBilingualRulesWithoutACatchAll() {
    DmnModelInstance model = collaborationTable.model();
    Decision collaboration = model.getModelElementById("LeadCollaboration");
    assertThat(collaboration.getName()).isEqualTo("跨团队协作规则 / Cross-team collaboration");
    assertThat(collaboration.getCamundaHistoryTimeToLiveString()).isEqualTo("180");
    assertThat(DmnTable.bilingual(collaboration.getDescription().getTextContent())).as("bilingual description").isTrue();
    DecisionTable table = (DecisionTable) collaboration.getExpression();
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.FIRST);
    assertThat(table.getInputs()).extracting(i -> i.getInputExpression().getText().getTextContent())
        .containsExactly(TAG);
    assertThat(table.getInputs()).extracting(Input::getLabel).containsExactly("标签 / Tag");
    assertThat(table.getOutputs()).extracting(Output::getName).containsExactlyElementsOf(OUTPUTS);
    assertThat(table.getOutputs()).extracting(Output::getTypeRef).containsOnly("string");
    assertThat(table.getOutputs()).extracting(Output::getLabel).allMatch(DmnTable::bilingual);
    assertThat(table.getRules()).extracting(Rule::getId).containsExactly("Rule_CompetitorAnalysis",
        "Rule_TechnicalProposal", "Rule_CaseStudies");
    assertThat(table.getRules()).extracting(rule -> rule.getDescription().getTextContent())
        .allMatch(DmnTable::bilingual);
    DmnTable.assertEveryRuleIsComplete(table);
    assertThat(table.getRules()).allSatisfy(rule -> {
      assertThat(rule.getInputEntries()).as(rule.getId() + " is no catch-all")
          .allSatisfy(entry -> assertThat(entry.getTextContent()).isNotBlank());
      assertThat(rule.getOutputEntries()).as(rule.getId() + " fills every output")
          .allSatisfy(entry -> assertThat(entry.getTextContent()).isNotBlank());
    });
    assertThat(DmnTable.shapesInTheDiagram(model)).as("DMNDI shapes, for Camunda Modeler").containsExactly("LeadCollaboration");
  }

  private static DmnDecisionTableResult collaborate(String tag) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(TAG, tag);
    return collaborationTable.evaluate(variables);
  }

  private static List<String> matchedRules() {
    return collaborationTable.matchedRules();
  }
}
