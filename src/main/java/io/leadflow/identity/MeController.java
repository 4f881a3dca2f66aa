package io.leadflow.identity;

import io.leadflow.directory.PersonNames;
import io.leadflow.directory.UserContact;
import io.leadflow.directory.UserContacts;
import io.leadflow.system.Caller;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is logged in, for LeadFlow's pages: their name, language, roles and teams. */
@RestController
class MeController {

  /**
   * @param roles admin, analyst, manager, rep, staff: what the pages offer
   * @param locale the user's language (zh-CN, en), null if they set none
   */
  record Me(String id, String name, String locale, Set<String> roles, Set<String> teams,
      Set<String> managedTeams) {}

  private final IdentityService identity;
  private final UserContacts contacts;

  MeController(IdentityService identity, UserContacts contacts) {
    this.identity = identity;
    this.contacts = contacts;
  }

  @GetMapping("/api/me")
  Me me() {
    Caller caller = Caller.current();
    User user = identity.createUserQuery().userId(caller.id()).singleResult();
    Set<String> roles = new TreeSet<>();
    if (caller.isAdmin()) roles.add("admin");
    if (caller.groups().contains(Caller.ANALYSTS)) roles.add("analyst");
    if (caller.isManager()) roles.add("manager");
    if (caller.isRep()) roles.add("rep");
    if (caller.groups().contains(Caller.STAFF)) roles.add("staff");
    return new Me(caller.id(), user == null ? caller.id() : PersonNames.display(user),
        contacts.find(caller.id()).map(UserContact::getLocale).orElse(null), roles,
        caller.teams(), caller.managedTeams());
  }
}
