package io.leadflow.rules;

import io.leadflow.system.Caller;
import io.leadflow.system.NotAllowedException;

/** Who may back-test, deploy and restore tables: admins and analysts; nobody else. */
final class RulesAccess {

  private RulesAccess() {}

  static Caller requireAnalyst() {
    Caller caller = Caller.current();
    if (caller.integration() || !(caller.isAdmin() || caller.groups().contains(Caller.ANALYSTS))) {
      throw new NotAllowedException("Only analysts and admins work on the decision tables");
    }
    return caller;
  }
}
