package io.leadflow.lead;

import io.leadflow.system.NotFoundException;

/** No lead has this id (answered with 404). */
public class LeadNotFoundException extends NotFoundException {
  public LeadNotFoundException(long id) {
    super("Lead " + id + " does not exist");
  }
}
