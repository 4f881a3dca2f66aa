package io.leadflow.lead;

/**
 * Where a lead stands. NEW until routed; MQL/SQL as the routing decision says; then the follow-up
 * outcome. Every stage but LOST is open: an open lead absorbs duplicates instead of being routed
 * again.
 */
public enum LeadStage {
  NEW, MQL, SQL, CONTACTED, QUALIFIED, LOST;

  public boolean isOpen() {
    return this != LOST;
  }
}
