package io.leadflow.directory;

import static io.leadflow.directory.RepRequest.*;

import io.leadflow.system.Caller;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who may see and change what in the directory.
 * <ul>
 *   <li>admins ({@code camunda-admin}): everything, and only they create or change teams, create
 *       reps and change a rep's names, e-mail, password, teams, capacity, weight, skills and
 *       regions;
 *   <li>a manager: sees the teams they manage and those teams' reps, and sets those reps active
 *       or inactive and out of office;
 *   <li>a rep: sees themself and sets their own out-of-office period, language and notification
 *       addresses (mobile, DingTalk and WeCom ids).
 * </ul>
 * Someone who is both (a manager who is also a rep of their team) gets both. Everybody else is
 * refused with 403.
 */
final class DirectoryAccess {

  static final Set<String> MANAGER_FIELDS = Set.of(ACTIVE, OUT_OF_OFFICE_FROM,
      OUT_OF_OFFICE_UNTIL);
  static final Set<String> SELF_FIELDS = Set.of(OUT_OF_OFFICE_FROM, OUT_OF_OFFICE_UNTIL, LOCALE,
      MOBILE, DINGTALK_USER_ID, WECOM_USER_ID);

  private DirectoryAccess() {}

  static boolean listsTeams(Caller caller) {
    return caller.isAdmin() || caller.isManager();
  }

  static boolean seesTeam(Caller caller, String teamId) {
    return caller.isAdmin() || caller.manages(teamId);
  }

  static boolean managesAnyOf(Caller caller, Collection<String> teams) {
    return teams.stream().anyMatch(caller::manages);
  }

  static boolean seesRep(Caller caller, String userId, Collection<String> repTeams) {
    return caller.isAdmin() || userId.equals(caller.id()) || managesAnyOf(caller, repTeams);
  }

  /** What a caller may change of one rep: everything (admins) or these fields. */
  record RepRights(boolean everything, Set<String> fields) {
    boolean none() {
      return !everything && fields.isEmpty();
    }

    boolean may(String field) {
      return everything || fields.contains(field);
    }
  }

  /**
   * What this caller may send in a PUT /api/reps/{userId}. Only admins create reps.
   *
   * @param isRep whether the user has a rep profile already
   * @param repTeams the user's teams now
   */
  static RepRights repRights(Caller caller, String userId, boolean isRep,
      Collection<String> repTeams) {
    if (caller.isAdmin()) {
      return new RepRights(true, Set.of());
    }
    Set<String> fields = new LinkedHashSet<>();
    if (isRep && userId.equals(caller.id())) {
      fields.addAll(SELF_FIELDS);
    }
    if (isRep && managesAnyOf(caller, repTeams)) {
      fields.addAll(MANAGER_FIELDS);
    }
    return new RepRights(false, Set.copyOf(fields));
  }
}
