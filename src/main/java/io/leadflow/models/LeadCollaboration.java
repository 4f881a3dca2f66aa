package io.leadflow.models;

/**
 * The contract with {@code decisions/LeadCollaboration.dmn} (FIRST), asked once per tag: which
 * other team a tag asks for help, with which task, due when.
 */
public final class LeadCollaboration {

  private LeadCollaboration() {}

  public static final String DECISION_KEY = "LeadCollaboration";

  /** The input: one tag of the lead. */
  public static final String TAG = "tag";

  // --- Outputs
  /** The team asked for help: a tag without one asks nobody. */
  public static final String COLLABORATION_TEAM = "collaborationTeam";
  public static final String COLLABORATION_TASK = "collaborationTask";
  public static final String COLLABORATION_DUE = "collaborationDue";
}
