package io.leadflow.lead;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where a lead stands: NEW until routed; MQL (marketing-qualified: nurtured in the pool until its
 * behaviour scores it up) or SQL (sales-qualified: a rep works it) as the routing decision says;
 * OPPORTUNITY once the rep qualifies it; then CUSTOMER (won) or LOST (from any stage, with a
 * reason). NURTURE when nobody claimed it from the pool in time (left to marketing). An open lead
 * absorbs duplicates instead of being routed again, so a person who comes back after a closed
 * lead is routed afresh.
 */
public enum LeadStage {
  NEW, MQL, SQL, OPPORTUNITY, CUSTOMER, NURTURE, LOST;

  /** The stages a lead ends in. */
  public static final Set<LeadStage> CLOSED =
      Collections.unmodifiableSet(EnumSet.of(CUSTOMER, NURTURE, LOST));

  /** The stages of a lead still being worked: every other one. */
  public static final Set<LeadStage> OPEN =
      Collections.unmodifiableSet(EnumSet.complementOf(
          EnumSet.copyOf(CLOSED)));

  public boolean isOpen() {
    return !CLOSED.contains(this);
  }
}
