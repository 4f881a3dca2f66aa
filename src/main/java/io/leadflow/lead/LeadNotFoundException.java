package io.leadflow.lead;

/** No lead has this id (answered with 404). */
public class LeadNotFoundException extends RuntimeException {
  public LeadNotFoundException(long id) {
    super("Lead " + id + " does not exist");
  }
}
