package io.leadflow.support;

import io.leadflow.directory.RepProfile;
import io.leadflow.directory.TeamDirectory;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** Test fixture: makes a team consist of exactly the given reps (fresh profiles, weight 1). */
public final class Teams {

  public static final String PASSWORD = "test-password";

  private Teams() {}

  public static void exactly(TeamDirectory directory, IdentityService identity, String teamId,
      String... reps) {
    directory.ensureTeam(teamId, teamId);
    List<String> wanted = List.of(reps);
    for (User member : identity.createUserQuery().memberOfGroup(teamId).list()) {
      if (!wanted.contains(member.getId())) {
        identity.deleteMembership(member.getId(), teamId);
      }
    }
    for (String rep : reps) {
      RepProfile profile = directory.ensureRep(rep, rep, "Test", rep + "@test.example", PASSWORD,
          teamId);
      directory.save(profile.setActive(true).setOutOfOffice(null, null).setMaxOpenLeads(null)
          .setWeight(1));
    }
  }
}
