package io.leadflow.rules;

import io.leadflow.lead.LeadFacts;
import io.leadflow.lead.LeadSource;
import io.leadflow.lifecycle.LifecycleVariables;
import io.leadflow.models.LeadLifecycle;
import io.leadflow.models.LeadRouting;
import io.leadflow.models.LeadScoring;
import io.leadflow.system.NotFoundException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The two tables the workbench knows: what each is, reads and must give. */
enum RuleTables {
  ROUTING(LeadRouting.DECISION_KEY, "FIRST", LeadRouting.TEAM),
  SCORING(LeadScoring.DECISION_KEY, "COLLECT", LeadScoring.POINTS);

  final String key;
  final String hitPolicy;
  final String requiredOutput;

  RuleTables(String key, String hitPolicy, String requiredOutput) {
    this.key = key;
    this.hitPolicy = hitPolicy;
    this.requiredOutput = requiredOutput;
  }

  /** The table of this decision key; 404 for any other key. */
  static RuleTables of(String decisionKey) {
    for (RuleTables table : values()) {
      if (table.key.equals(decisionKey)) {
        return table;
      }
    }
    throw new NotFoundException("No rules table " + decisionKey + " (there are "
        + LeadRouting.DECISION_KEY + " and " + LeadScoring.DECISION_KEY + ")");
  }

  static RuleTables orNull(String decisionKey) {
    for (RuleTables table : values()) {
      if (table.key.equals(decisionKey)) {
        return table;
      }
    }
    return null;
  }

  /** The variables a lead's process has when this table runs. */
  Set<String> facts() {
    Set<String> facts = new HashSet<>(LeadLifecycle.FACTS);
    if (this == ROUTING) {
      facts.add(LeadLifecycle.SCORE);
    }
    return facts;
  }

  /** Every fact of a lead, with a value of its type: for checking cells without a real lead. */
  Map<String, Object> sampleVariables() {
    LeadFacts sample = new LeadFacts(null, LeadSource.values()[0], "", "", "", false, "", "", "",
        "", "", "", 0, BigDecimal.ZERO, List.of(), Map.of(), List.of());
    Map<String, Object> variables =
        new HashMap<>(LifecycleVariables.forNewLead(0, sample, Instant.EPOCH));
    if (this == ROUTING) {
      variables.put(LeadLifecycle.SCORE, 0);
    }
    return variables;
  }
}
