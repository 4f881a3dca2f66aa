package io.leadflow.models;

import java.util.Map;

/** Reading a decision rule's outputs, as the analysts filled the table in. */
public final class DecisionOutputs {

  private DecisionOutputs() {}

  /** The output as trimmed text; null when the rule gave none or only blanks. */
  public static String text(Map<String, Object> outputs, String name) {
    Object value = outputs == null ? null : outputs.get(name);
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }
}
