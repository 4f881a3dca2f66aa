package io.leadflow.models;

/**
 * The contract with {@code decisions/LeadRouting.dmn} (FIRST): the first matching rule says which
 * team gets the lead, by which assignment strategy, with which follow-up SLA and stage.
 */
public final class LeadRouting {

  private LeadRouting() {}

  public static final String DECISION_KEY = "LeadRouting";

  // --- Outputs
  public static final String TEAM = "team";
  /** ROUND_ROBIN, LOAD_BALANCED or WEIGHTED. */
  public static final String STRATEGY = "strategy";
  /** An ISO-8601 duration such as PT24H. */
  public static final String SLA_DURATION = "slaDuration";
  /** MQL or SQL. */
  public static final String STAGE = "stage";
  /** An ISO-8601 duration: how long a stage may stand still (see LeadLifecycle.ESCALATE_AFTER). */
  public static final String ESCALATE_AFTER = "escalateAfter";
  public static final String REASON = "reason";

  /** The team value that means "no team: straight to the public pool". */
  public static final String POOL_TEAM = "pool";
}
