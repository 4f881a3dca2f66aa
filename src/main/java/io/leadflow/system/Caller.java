package io.leadflow.system;

import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling the API, by LeadFlow's roles. Users authenticate against Camunda's directory and
 * carry their groups (GROUP_id) and teams (TEAM_id) as authorities; integrations carry
 * ROLE_INTEGRATION.
 *
 * <ul>
 *   <li>admins ({@code camunda-admin}) and analysts ({@code leadflow-analysts}) see every lead;
 *   <li>managers ({@code leadflow-managers}) see and reassign the leads of the teams they belong to;
 *   <li>reps ({@code leadflow-reps}) see the leads they own and the pool of their teams;
 *   <li>integrations only post leads.
 * </ul>
 */
public record Caller(String id, Set<String> groups, Set<String> teams, boolean integration) {

  public static final String ADMINS = Groups.CAMUNDA_ADMIN;
  public static final String ANALYSTS = "leadflow-analysts";
  public static final String MANAGERS = "leadflow-managers";
  public static final String REPS = "leadflow-reps";
  /** People who work tasks in Tasklist without owning leads: approvers, marketing, presales. */
  public static final String STAFF = "leadflow-staff";

  public static final String GROUP_PREFIX = "GROUP_";
  public static final String TEAM_PREFIX = "TEAM_";
  public static final String INTEGRATION = "ROLE_INTEGRATION";
  /** An integration whose key has the permission to import files (bulk import). */
  public static final String IMPORT_PERMISSION = "PERMISSION_IMPORT";

  /** The caller of the current request; an anonymous caller has no groups. */
  public static Caller current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null) {
      return new Caller(null, Set.of(), Set.of(), false);
    }
    Set<String> authorities = authentication.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
    return new Caller(authentication.getName(), strip(authorities, GROUP_PREFIX),
        strip(authorities, TEAM_PREFIX), authorities.contains(INTEGRATION));
  }

  private static Set<String> strip(Set<String> authorities, String prefix) {
    return authorities.stream().filter(a -> a.startsWith(prefix))
        .map(a -> a.substring(prefix.length())).collect(Collectors.toUnmodifiableSet());
  }

  public boolean isAdmin() {
    return groups.contains(ADMINS);
  }

  public boolean isManager() {
    return groups.contains(MANAGERS);
  }

  public boolean isRep() {
    return groups.contains(REPS);
  }

  /** Admins and analysts: every lead. */
  public boolean seesAllLeads() {
    return isAdmin() || groups.contains(ANALYSTS);
  }

  /** A manager who is a member of the team. */
  public boolean manages(String team) {
    return isManager() && team != null && teams.contains(team);
  }

  /** The teams whose leads this manager sees; empty for everybody else. */
  public Set<String> managedTeams() {
    return isManager() ? teams : Set.of();
  }
}
