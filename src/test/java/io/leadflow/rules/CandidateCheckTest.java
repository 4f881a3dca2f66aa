package io.leadflow.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.engine.DecisionReplay.Table;
import io.leadflow.engine.DecisionReplay;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The parts of the checks and the diff that need no engine and no database. */
class CandidateCheckTest {

  final DecisionReplay replay = DecisionReplay.standalone();

  @Test
  void anInputExpressionReadsItsNamesOutsideStringsAndFunctions() {
    assertThat(CandidateCheck.namesRead("region")).containsExactly("region");
    assertThat(CandidateCheck.namesRead("attributes.channel")).containsExactly("attributes");
    assertThat(CandidateCheck.namesRead("if budget > 1000000 then \"big\" else customerTier"))
        .containsExactly("budget", "customerTier");
    assertThat(CandidateCheck.namesRead("count(tags) + companySize"))
        .containsExactly("tags", "companySize");
    assertThat(CandidateCheck.namesRead("\"上海 region\"")).isEmpty();
  }

  @Test
  void aRuleCoveredCellByCellByAnEarlierOneIsShadowed() {
    String routing = new String(RulesApiTest.classpath("/decisions/LeadRouting.dmn"),
        StandardCharsets.UTF_8);
    Table table = replay.parse(routing.replace(RulesApiTest.OTHERWISE,
        RulesApiTest.rule("Rule_Again", "x", "contains(?, \"广东\") or contains(?, \"福建\")",
            "south-china") + RulesApiTest.OTHERWISE).getBytes(StandardCharsets.UTF_8),
        "LeadRouting");
    var rows = table.rules();

    assertThat(Backtest.staticShadow(rows, rows.get(6))).isEqualTo("Rule_SouthChina");
    assertThat(Backtest.staticShadow(rows, rows.get(5))).isNull(); // SouthChina itself
    assertThat(Backtest.catchAll(rows.get(7))).isTrue(); // Rule_Otherwise
    assertThat(Backtest.catchAll(rows.get(0))).isFalse();
  }

  @Test
  void theDiffOfATableWithItselfIsEmptyAndAChangedCellIsNamed() {
    byte[] routing = RulesApiTest.classpath("/decisions/LeadRouting.dmn");
    Table v1 = replay.parse(routing, "LeadRouting");
    Table v2 = replay.parse(new String(routing, StandardCharsets.UTF_8)
        .replace("\"PT24H\"", "\"PT8H\"").getBytes(StandardCharsets.UTF_8), "LeadRouting");

    TableDiff.Diff same = TableDiff.of("LeadRouting", 1, v1, 1, v1);
    assertThat(same.added()).isEmpty();
    assertThat(same.changed()).isEmpty();
    assertThat(same.unchanged()).isEqualTo(7);

    TableDiff.Diff diff = TableDiff.of("LeadRouting", 1, v1, 2, v2);
    assertThat(diff.changed()).extracting(TableDiff.RuleChange::ruleId)
        .contains("Rule_Strategic", "Rule_EastChina");
    assertThat(diff.changed().stream().filter(r -> r.ruleId().equals("Rule_EastChina"))
        .findFirst().orElseThrow().cells()).containsExactly(
        new TableDiff.CellChange("output slaDuration", "\"PT24H\"", "\"PT8H\""));
  }
}
