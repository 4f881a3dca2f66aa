package io.leadflow.directory;

import io.leadflow.models.LeadRouting;
import io.leadflow.system.Caller;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
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

  /**
   * A team exists: made now or before, here (not in Camunda Admin). Published in the caller's
   * transaction, so that the features keeping state per team (the assignment's rotation row) make
   * it with the team.
   */
  public record TeamEnsured(String teamId) {}

  private final IdentityService identity;
  private final RepProfileRepository profiles;
  private final ApplicationEventPublisher events;

  TeamDirectory(IdentityService identity, RepProfileRepository profiles,
      ApplicationEventPublisher events) {
    this.identity = identity;
    this.profiles = profiles;
    this.events = events;
  }

  /** Creates the team if it does not exist yet (its group, and what features keep per team). */
  public void ensureTeam(String teamId, String name) {
    ensureGroup(teamId, name, TEAM_GROUP_TYPE);
    events.publishEvent(new TeamEnsured(teamId));
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
    ensureGroup(Caller.REPS, "销售代表 / Sales reps", "WORKFLOW");
    ensureMember(userId, Caller.REPS);
    for (String teamId : teamIds) {
      ensureMember(userId, teamId);
    }
    return profiles.findById(userId).orElseGet(() -> profiles.save(new RepProfile(userId)));
  }

  /** Creates the user if missing (with this password) and makes them a manager of the teams. */
  public void ensureManager(String userId, String firstName, String lastName, String email,
      String password, String... teamIds) {
    ensureUser(userId, firstName, lastName, email, password);
    ensureGroup(Caller.MANAGERS, "销售经理 / Sales managers", "WORKFLOW");
    ensureMember(userId, Caller.MANAGERS);
    for (String teamId : teamIds) {
      ensureMember(userId, teamId);
    }
  }

  /** The team's managers: members of both the team's group and the managers' group. */
  @Transactional(readOnly = true)
  public List<String> managersOf(String teamId) {
    Set<String> managers = identity.createUserQuery().memberOfGroup(Caller.MANAGERS).list()
        .stream().map(User::getId).collect(Collectors.toSet());
    return membersOf(teamId).stream().filter(managers::contains).toList();
  }

  /** Who may claim a pooled lead of the team: its reps; any rep for the general pool. */
  @Transactional(readOnly = true)
  public boolean mayClaim(String userId, String teamId) {
    return LeadRouting.POOL_TEAM.equals(teamId)
        ? identity.createUserQuery().userId(userId).memberOfGroup(Caller.REPS).count() > 0
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
      PersonNames.setName(user, firstName, lastName);
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

  /** Every team: the groups of type "team", whether made here or in Camunda Admin, by id. */
  @Transactional(readOnly = true)
  public List<Group> teams() {
    return identity.createGroupQuery().groupType(TEAM_GROUP_TYPE).orderByGroupId().asc().list();
  }

  /** The group, of any type. */
  @Transactional(readOnly = true)
  public Optional<Group> group(String groupId) {
    return Optional.ofNullable(identity.createGroupQuery().groupId(groupId).singleResult());
  }

  public void renameGroup(String groupId, String name) {
    Group group = identity.createGroupQuery().groupId(groupId).singleResult();
    if (group != null && !name.equals(group.getName())) {
      group.setName(name);
      identity.saveGroup(group);
    }
  }

  /** The teams the user is a member of (as rep or manager), by id. */
  @Transactional(readOnly = true)
  public List<String> teamsOf(String userId) {
    return identity.createGroupQuery().groupMember(userId).groupType(TEAM_GROUP_TYPE)
        .orderByGroupId().asc().list().stream().map(Group::getId).toList();
  }

  /** The team's members (reps and managers), by user id. */
  public List<String> membersOf(String teamId) {
    return identity.createUserQuery().memberOfGroup(teamId).orderByUserId().asc().list().stream()
        .map(User::getId).toList();
  }

  /** The team's reps: its members who have a rep profile, by user id. */
  @Transactional(readOnly = true)
  public List<String> repsOf(String teamId) {
    List<String> members = membersOf(teamId);
    Set<String> reps = profiles.findAllById(members).stream().map(RepProfile::getUserId)
        .collect(Collectors.toSet());
    return members.stream().filter(reps::contains).toList();
  }

  /**
   * Makes exactly these users the team's managers. A new manager joins the team's group and the
   * managers' group; a manager no longer wanted leaves the team's group (and so stops being a rep
   * of it too, if they were one), but stays in the managers' group, which may carry rights an
   * admin gave in Camunda Admin and is harmless without a team.
   */
  public void setManagers(String teamId, Collection<String> userIds) {
    ensureGroup(Caller.MANAGERS, "销售经理 / Sales managers", "WORKFLOW");
    for (String current : managersOf(teamId)) {
      if (!userIds.contains(current)) {
        identity.deleteMembership(current, teamId);
      }
    }
    for (String userId : userIds) {
      ensureMember(userId, Caller.MANAGERS);
      ensureMember(userId, teamId);
    }
  }

  /** Makes the user a member of exactly these teams; groups of other types are left alone. */
  public void setTeams(String userId, Collection<String> teamIds) {
    for (String current : teamsOf(userId)) {
      if (!teamIds.contains(current)) {
        identity.deleteMembership(userId, current);
      }
    }
    for (String teamId : teamIds) {
      ensureMember(userId, teamId);
    }
  }

  @Transactional(readOnly = true)
  public Optional<RepProfile> findProfile(String userId) {
    return profiles.findById(userId);
  }

  /** The profile, locked until the transaction ends (as an assignment locks it). */
  public Optional<RepProfile> lockProfile(String userId) {
    return lockProfiles(List.of(userId)).stream().findFirst();
  }

  /**
   * The profiles of these users that exist, locked until the transaction ends, in user-id order (a
   * fixed order, so two transactions locking several cannot deadlock).
   */
  public List<RepProfile> lockProfiles(Collection<String> userIds) {
    return userIds.isEmpty() ? List.of() : profiles.lockAll(userIds);
  }

  /** The profiles of these users that exist, by user id. */
  @Transactional(readOnly = true)
  public List<RepProfile> profiles(Collection<String> userIds) {
    return profiles.findAllById(userIds).stream()
        .sorted(Comparator.comparing(RepProfile::getUserId)).toList();
  }

  /** Every rep profile, by user id. */
  @Transactional(readOnly = true)
  public List<RepProfile> allProfiles() {
    return profiles.findAll(Sort.by("userId"));
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
