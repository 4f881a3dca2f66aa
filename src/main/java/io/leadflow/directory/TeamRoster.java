package io.leadflow.directory;

import io.leadflow.directory.DirectoryViews.TeamView;
import io.leadflow.system.Caller;
import io.leadflow.system.ConflictException;
import io.leadflow.system.FieldProblem;
import io.leadflow.system.InvalidRequestException;
import io.leadflow.system.NotAllowedException;
import io.leadflow.system.NotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Teams as the API shows and changes them. The directory is Camunda's: a team is a group of type
 * "team", whether made here or in Camunda Admin.
 */
@Service
@Transactional
class TeamRoster {

  /** Camunda's id whitelist as LeadFlow configures it, and the id columns' length. */
  static final Pattern ID = Pattern.compile("[a-zA-Z0-9._@-]{1,64}");
  static final String ID_RULE = "must be 1 to 64 letters, digits or . _ @ -";
  static final int MAX_NAME = 255;

  /** The result of a PUT: the team, and whether it was created. */
  record Saved(TeamView team, boolean created) {}

  private final TeamDirectory directory;
  private final IdentityService identity;

  TeamRoster(TeamDirectory directory, IdentityService identity) {
    this.directory = directory;
    this.identity = identity;
  }

  @Transactional(readOnly = true)
  List<TeamView> list(Caller caller) {
    if (!DirectoryAccess.listsTeams(caller)) {
      throw new NotAllowedException("Only admins and managers see teams");
    }
    return directory.teams().stream().filter(team -> DirectoryAccess.seesTeam(caller, team.getId()))
        .map(this::view).toList();
  }

  /** 403 unless the caller may see the team (a manager asking for another team, known or not). */
  @Transactional(readOnly = true)
  TeamView get(Caller caller, String teamId) {
    if (!DirectoryAccess.seesTeam(caller, teamId)) {
      throw new NotAllowedException("Only admins and the team's managers see team " + teamId);
    }
    return view(team(teamId));
  }

  Saved put(Caller caller, String teamId, TeamRequest request) {
    if (!caller.isAdmin()) {
      throw new NotAllowedException("Only admins create and change teams");
    }
    if (!ID.matcher(teamId).matches()) {
      throw new InvalidRequestException(List.of(new FieldProblem("id", ID_RULE)));
    }
    Optional<Group> existing = directory.group(teamId);
    if (existing.isPresent() && !TeamDirectory.TEAM_GROUP_TYPE.equals(existing.get().getType())) {
      throw new ConflictException("Group " + teamId + " exists and is not a team (its type is "
          + existing.get().getType() + ")");
    }
    List<FieldProblem> problems = new ArrayList<>();
    request.unknown().forEach(field -> problems.add(new FieldProblem(field, "is not a known field")));
    if (existing.isEmpty() && (request.name() == null || request.name().isBlank())) {
      problems.add(new FieldProblem("name", "is required to create the team"));
    } else if (request.has("name")) {
      if (request.name() == null || request.name().isBlank()) {
        problems.add(new FieldProblem("name", "must not be blank"));
      } else if (request.name().strip().length() > MAX_NAME) {
        problems.add(new FieldProblem("name", "must be at most " + MAX_NAME + " characters"));
      }
    }
    List<String> managers = new ArrayList<>();
    if (request.has("managers")) {
      if (request.managers() == null) {
        problems.add(new FieldProblem("managers", "must be a list of user ids (empty for none)"));
      } else {
        for (int i = 0; i < request.managers().size(); i++) {
          String userId = request.managers().get(i);
          String field = "managers[" + i + "]";
          if (userId == null || userId.isBlank()) {
            problems.add(new FieldProblem(field, "must not be blank"));
          } else if (identity.createUserQuery().userId(userId.strip()).count() == 0) {
            problems.add(new FieldProblem(field, "is not a user: " + userId));
          } else {
            managers.add(userId.strip());
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems.stream()
          .sorted(Comparator.comparing(FieldProblem::field)).toList());
    }

    String name = request.name() == null ? null : request.name().strip();
    directory.ensureTeam(teamId, name); // the group if new, and the team's state row
    if (existing.isPresent() && name != null) {
      directory.renameGroup(teamId, name);
    }
    if (request.has("managers")) {
      directory.setManagers(teamId, new LinkedHashSet<>(managers));
    }
    return new Saved(view(team(teamId)), existing.isEmpty());
  }

  private Group team(String teamId) {
    return directory.group(teamId)
        .filter(group -> TeamDirectory.TEAM_GROUP_TYPE.equals(group.getType()))
        .orElseThrow(() -> new NotFoundException("Team " + teamId + " does not exist"));
  }

  private TeamView view(Group team) {
    return new TeamView(team.getId(), team.getName(), directory.managersOf(team.getId()),
        directory.repsOf(team.getId()));
  }
}
