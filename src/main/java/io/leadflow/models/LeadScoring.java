package io.leadflow.models;

/**
 * The contract with {@code decisions/LeadScoring.dmn} (COLLECT + SUM): every matching rule adds
 * its points; it reads the lead's facts ({@link LeadLifecycle#FACTS}).
 */
public final class LeadScoring {

  private LeadScoring() {}

  public static final String DECISION_KEY = "LeadScoring";

  /** The output each rule gives. */
  public static final String POINTS = "points";
}
