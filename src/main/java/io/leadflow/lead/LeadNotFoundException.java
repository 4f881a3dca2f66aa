package io.leadflow.lead;

/** No lead has this id (answered with 404). */
public class LeadNotFoundException extends io.leadflow.system.NotFoundException {
  public LeadNotFoundException(long id) {
    super("Lead " + id + " does not exist");
  }
}
