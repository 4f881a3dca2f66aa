package io.leadflow.rules;

import io.leadflow.engine.DecisionReplay.InputColumn;
import io.leadflow.engine.DecisionReplay.OutputColumn;
import io.leadflow.engine.DecisionReplay.RuleRow;
import io.leadflow.engine.DecisionReplay.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Two versions of a table compared rule by rule (by rule id) and cell by cell (input columns by
 * their label or expression, output columns by name), with each rule's position, which under
 * FIRST is its priority.
 */
final class TableDiff {

  private TableDiff() {}

  static final String DESCRIPTION = "description";

  /** One cell that differs: its column, and its text before and after ("" for empty). */
  record CellChange(String column, String before, String after) {}

  /** A rule added, removed or changed; for added and removed rules every cell. */
  record RuleChange(String ruleId, String description, Integer positionBefore,
      Integer positionAfter, List<CellChange> cells) {}

  record Diff(String decisionKey, int from, int to, String hitPolicyFrom, String hitPolicyTo,
      List<String> columnsAdded, List<String> columnsRemoved, List<RuleChange> added,
      List<RuleChange> removed, List<RuleChange> changed, int unchanged) {}

  static Diff of(String key, int fromVersion, Table from, int toVersion, Table to) {
    Map<String, Map<String, String>> before = cells(from);
    Map<String, Map<String, String>> after = cells(to);
    List<String> columnsBefore = columns(from);
    List<String> columnsAfter = columns(to);
    List<String> added = columnsAfter.stream().filter(c -> !columnsBefore.contains(c)).toList();
    List<String> removed = columnsBefore.stream().filter(c -> !columnsAfter.contains(c)).toList();
    Map<String, Integer> positionsBefore = positions(from);
    Map<String, Integer> positionsAfter = positions(to);
    List<RuleChange> rulesAdded = new ArrayList<>();
    List<RuleChange> rulesRemoved = new ArrayList<>();
    List<RuleChange> rulesChanged = new ArrayList<>();
    int unchanged = 0;
    for (RuleRow rule : to.rules()) {
      Map<String, String> now = after.get(rule.id());
      Map<String, String> then = before.get(rule.id());
      if (then == null) {
        rulesAdded.add(new RuleChange(rule.id(), rule.description(), null, rule.index() + 1,
            changes(Map.of(), now)));
        continue;
      }
      List<CellChange> cells = changes(then, now);
      Integer positionBefore = positionsBefore.get(rule.id());
      if (cells.isEmpty() && positionBefore == rule.index() + 1) {
        unchanged++;
      } else {
        rulesChanged.add(new RuleChange(rule.id(), rule.description(), positionBefore,
            rule.index() + 1, cells));
      }
    }
    for (RuleRow rule : from.rules()) {
      if (!positionsAfter.containsKey(rule.id())) {
        rulesRemoved.add(new RuleChange(rule.id(), rule.description(), rule.index() + 1, null,
            changes(before.get(rule.id()), Map.of())));
      }
    }
    return new Diff(key, fromVersion, toVersion, from.hitPolicy(), to.hitPolicy(), added,
        removed, rulesAdded, rulesRemoved, rulesChanged, unchanged);
  }

  private static List<CellChange> changes(Map<String, String> before, Map<String, String> after) {
    List<CellChange> changes = new ArrayList<>();
    List<String> columns = new ArrayList<>(before.keySet());
    after.keySet().stream().filter(c -> !columns.contains(c)).forEach(columns::add);
    for (String column : columns) {
      String was = before.getOrDefault(column, "");
      String is = after.getOrDefault(column, "");
      if (!Objects.equals(was, is)) {
        changes.add(new CellChange(column, was, is));
      }
    }
    return changes;
  }

  private static List<String> columns(Table table) {
    List<String> columns = new ArrayList<>();
    table.inputs().forEach(input -> columns.add(inputName(input)));
    table.outputs().forEach(output -> columns.add(outputName(output)));
    return columns;
  }

  private static String inputName(InputColumn input) {
    return "input " + (input.expression() != null ? input.expression() : input.name());
  }

  private static String outputName(OutputColumn output) {
    return "output " + (output.name() != null ? output.name() : output.label());
  }

  private static Map<String, Map<String, String>> cells(Table table) {
    Map<String, Map<String, String>> rules = new LinkedHashMap<>();
    for (RuleRow rule : table.rules()) {
      Map<String, String> cells = new LinkedHashMap<>();
      for (int i = 0; i < table.inputs().size(); i++) {
        cells.put(inputName(table.inputs().get(i)),
            i < rule.inputEntries().size() ? rule.inputEntries().get(i) : "");
      }
      for (int i = 0; i < table.outputs().size(); i++) {
        cells.put(outputName(table.outputs().get(i)),
            i < rule.outputEntries().size() ? rule.outputEntries().get(i) : "");
      }
      cells.put(DESCRIPTION, rule.description() == null ? "" : rule.description());
      rules.put(rule.id(), cells);
    }
    return rules;
  }

  private static Map<String, Integer> positions(Table table) {
    Map<String, Integer> positions = new LinkedHashMap<>();
    table.rules().forEach(rule -> positions.put(rule.id(), rule.index() + 1));
    return positions;
  }
}
