package io.leadflow.assignment;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Teams and reps. Camunda's identity is the directory (a team is a group of type "team", a rep a
 * user in it and in the all-reps group); LeadFlow adds a rep's profile and a team's state row.
 */
@Service
@Transactional
public class TeamDirectory {

  public static final String TEAM_GROUP_TYPE = "team";
  /** Every rep is a member: the candidate group of the pool task. */
  public static final String REPS_GROUP = io.leadflow.system.Caller.REPS;
  /** Every manager is a member; a manager of a team is also a member of the team's group. */
  public static final String MANAGERS_GROUP = io.leadflow.system.Caller.MANAGERS;

  private final IdentityService identity;
  private final RepProfileRepository profiles;
  private final TeamStateRepository teamStates;

  TeamDirectory(IdentityService identity, RepProfileRepository profiles,
      TeamStateRepository teamStates) {
    this.identity = identity;
    this.profiles = profiles;
    this.teamStates = teamStates;
  }

  /** Creates the team if it does not exist yet (its group and its state row). */
  public void ensureTeam(String teamId, String name) {
    ensureGroup(teamId, name, TEAM_GROUP_TYPE);
    if (!teamStates.existsById(teamId)) {
      teamStates.save(new TeamState(teamId));
    }
  }

  public void ensureGroup(String groupId, String name, String type) {
    if (identity.createGroupQuery().groupId(groupId).count() == 0) {
      Group group = identity.newGroup(groupId);
      group.setName(name);
      group.setType(type);
      identity.saveGroup(group);
    }
  }

  /** Creates the user if missing (with this password), makes them a rep and a member of the teams. */
  public RepProfile ensureRep(String userId, String firstName, String lastName, String email,
      String password, String... teamIds) {
    ensureUser(userId, firstName, lastName, email, password);
    ensureGroup(REPS_GROUP, "销售代表 / Sales reps", "WORKFLOW");
    ensureMember(userId, REPS_GROUP);
    for (String teamId : teamIds) {
      ensureMember(userId, teamId);
    }
    return profiles.findById(userId).orElseGet(() -> profiles.save(new RepProfile(userId)));
  }

  /** Creates the user if missing (with this password) and makes them a manager of the teams. */
  public void ensureManager(String userId, String firstName, String lastName, String email,
      String password, String... teamIds) {
    ensureUser(userId, firstName, lastName, email, password);
    ensureGroup(MANAGERS_GROUP, "销售经理 / Sales managers", "WORKFLOW");
    ensureMember(userId, MANAGERS_GROUP);
    for (String teamId : teamIds) {
      ensureMember(userId, teamId);
    }
  }

  /** The team's managers: members of both the team's group and the managers' group. */
  @Transactional(readOnly = true)
  public List<String> managersOf(String teamId) {
    Set<String> managers = identity.createUserQuery().memberOfGroup(MANAGERS_GROUP).list()
        .stream().map(User::getId).collect(Collectors.toSet());
    return identity.createUserQuery().memberOfGroup(teamId).orderByUserId().asc().list().stream()
        .map(User::getId).filter(managers::contains).toList();
  }

  /** Who may claim a pooled lead of the team: its reps; any rep for the general pool. */
  @Transactional(readOnly = true)
  public boolean mayClaim(String userId, String teamId) {
    return io.leadflow.lead.LeadVariables.POOL_TEAM.equals(teamId)
        ? identity.createUserQuery().userId(userId).memberOfGroup(REPS_GROUP).count() > 0
        : isRepOf(userId, teamId);
  }

  /** A member of the team with a rep profile. */
  @Transactional(readOnly = true)
  public boolean isRepOf(String userId, String teamId) {
    return teamId != null && profiles.existsById(userId)
        && identity.createUserQuery().userId(userId).memberOfGroup(teamId).count() > 0;
  }

  public void ensureUser(String userId, String firstName, String lastName, String email,
      String password) {
    if (identity.createUserQuery().userId(userId).count() == 0) {
      User user = identity.newUser(userId);
      user.setFirstName(firstName);
      user.setLastName(lastName);
      user.setEmail(email);
      user.setPassword(password);
      identity.saveUser(user);
    }
  }

  public void ensureMember(String userId, String groupId) {
    if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
      identity.createMembership(userId, groupId);
    }
  }

  public RepProfile save(RepProfile profile) {
    return profiles.save(profile);
  }

  @Transactional(readOnly = true)
  public RepProfile profile(String userId) {
    return profiles.findById(userId).orElseThrow(
        () -> new IllegalArgumentException("No rep profile for " + userId));
  }
}
