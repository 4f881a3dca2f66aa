package io.leadflow.imports;

import io.leadflow.system.FieldProblem;
import io.leadflow.system.InvalidRequestException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which column of a file holds which lead field: by the header's name (see {@link LeadField}),
 * unless the caller says otherwise, and every other column kept as one of the lead's attributes
 * under its header. The reason column of LeadFlow's own error files is left out, so a corrected
 * error file imports as it is.
 *
 * <p>An override maps a header (or a column letter, A, B, ...) to a field key ({@code phone}),
 * {@code attributes} (an attribute under the header), {@code attributes.<key>} or {@code ignore}.
 */
record ColumnMapping(List<Column> columns) {

  /** The header of the reason column that LeadFlow's error files add. */
  static final String REASON_HEADER = "导入错误 / Import error";
  static final String IGNORE = "ignore";
  static final String ATTRIBUTES = "attributes";
  static final int MAX_KEY = 100;

  /**
   * One column and what it holds.
   *
   * @param field the lead field, or null
   * @param attribute the attribute's key, or null
   * @param how {@code name} (recognised by its header), {@code override}, {@code attribute} (an
   *     unknown header, kept as an attribute) or {@code ignored}
   */
  record Column(int index, String letter, String header, LeadField field, String attribute,
      String how) {

    /** The mapping's target as an override spells it. */
    String target() {
      return field != null ? field.key : attribute != null ? ATTRIBUTES + "." + attribute : IGNORE;
    }
  }

  static ColumnMapping of(List<String> header, Map<String, String> overrides) {
    Map<String, String> left = new LinkedHashMap<>(overrides == null ? Map.of() : overrides);
    List<FieldProblem> problems = new ArrayList<>();
    List<Column> columns = new ArrayList<>();
    for (int index = 0; index < header.size(); index++) {
      int i = index;
      String name = header.get(i) == null ? "" : header.get(i).strip();
      String letter = letter(i);
      String override = left.containsKey(name) ? left.remove(name)
          : left.containsKey(letter) ? left.remove(letter) : null;
      if (override != null) {
        columns.add(overridden(i, letter, name, override, problems));
      } else if (name.equals(REASON_HEADER)) {
        columns.add(new Column(i, letter, name, null, null, "ignored"));
      } else {
        columns.add(LeadField.byHeader(name)
            .map(f -> new Column(i, letter, name, f, null, "name"))
            .orElseGet(() -> new Column(i, letter, name, null, key(name, letter), "attribute")));
      }
    }
    left.keySet().forEach(k -> problems.add(new FieldProblem("mapping." + k,
        "is not a column of the file")));
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return new ColumnMapping(columns);
  }

  private static Column overridden(int i, String letter, String name, String target,
      List<FieldProblem> problems) {
    String spec = target == null ? IGNORE : target.strip();
    if (spec.isEmpty() || spec.equals(IGNORE)) {
      return new Column(i, letter, name, null, null, "ignored");
    }
    if (spec.equals(ATTRIBUTES)) {
      return new Column(i, letter, name, null, key(name, letter), "override");
    }
    if (spec.startsWith(ATTRIBUTES + ".") && spec.length() > ATTRIBUTES.length() + 1) {
      return new Column(i, letter, name, null, key(spec.substring(ATTRIBUTES.length() + 1), letter),
          "override");
    }
    return LeadField.byKey(spec).map(f -> new Column(i, letter, name, f, null, "override"))
        .orElseGet(() -> {
          problems.add(new FieldProblem("mapping." + (name.isEmpty() ? letter : name),
              "must be one of " + Arrays.stream(LeadField.values()).map(f -> f.key).toList()
                  + ", attributes, attributes.<key> or ignore"));
          return new Column(i, letter, name, null, null, "ignored");
        });
  }

  /** An attribute's key: the header (at most 100 characters), or the column's letter. */
  private static String key(String header, String letter) {
    String key = header.isBlank() ? letter : header.strip();
    return key.length() > MAX_KEY ? key.substring(0, MAX_KEY) : key;
  }

  /** A, B, ..., Z, AA, AB, ... */
  static String letter(int index) {
    StringBuilder letters = new StringBuilder();
    for (int n = index + 1; n > 0; n = (n - 1) / 26) {
      letters.insert(0, (char) ('A' + (n - 1) % 26));
    }
    return letters.toString();
  }

  /** Whether some column holds a lead field (else the first row is not a header). */
  boolean namesAnyField() {
    return columns.stream().anyMatch(c -> c.field() != null);
  }

  boolean has(LeadField field) {
    return columns.stream().anyMatch(c -> c.field() == field);
  }

  /** The mapping as an override would spell it: header (or letter) → target. */
  Map<String, String> asOverrides() {
    Map<String, String> map = new LinkedHashMap<>();
    columns.forEach(c -> map.put(c.header().isEmpty() ? c.letter() : c.header(), c.target()));
    return map;
  }
}
