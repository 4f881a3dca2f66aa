package io.leadflow.lead;

/**
 * Where a lead stands. NEW until routed; MQL/SQL as the routing decision says; then the follow-up
 * outcome; NURTURE when nobody claimed it from the pool in time (left to marketing). Every stage
 * but LOST and NURTURE is open: an open lead absorbs duplicates instead of being routed again, so
 * a person who comes back after LOST or NURTURE is routed afresh.
 */
public enum LeadStage {
  NEW, MQL, SQL, CONTACTED, QUALIFIED, NURTURE, LOST;

  public boolean isOpen() {
    return this != LOST && this != NURTURE;
  }
}
