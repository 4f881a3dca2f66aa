package io.leadflow.lead;

/** Why a lead was lost: the codes the forms and POST /api/leads/{id}/close accept. */
public enum LostReason {
  NO_NEED, NO_BUDGET, COMPETITOR, NO_RESPONSE, BAD_DATA, TIMING, OTHER
}
