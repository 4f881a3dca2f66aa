package io.leadflow.imports;

import io.leadflow.system.Caller;
import io.leadflow.system.NotAllowedException;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who may import: admins (any routing), managers (their teams' routing: a new lead the rules
 * route to another team is refused as a bad row) and integrations whose key has the import
 * permission. Each sees the imports they made; admins see all.
 */
final class ImportAccess {

  private ImportAccess() {}

  /** What the caller's import may fill: null for any team, else the manager's teams. */
  static Set<String> requireImporter(Caller caller) {
    if (caller.isAdmin() || (caller.integration() && hasImportPermission())) {
      return null;
    }
    if (caller.isManager() && !caller.managedTeams().isEmpty()) {
      return caller.managedTeams();
    }
    throw new NotAllowedException("Only admins, managers and integrations with the import"
        + " permission import leads");
  }

  static ImportJob requireVisible(Caller caller, ImportJob job) {
    requireImporter(caller);
    if (!caller.isAdmin() && !job.createdBy().equals(caller.id())) {
      throw new NotAllowedException("Import " + job.id() + " is not yours to see");
    }
    return job;
  }

  /** Null: the caller sees every import; else only the ones they made. */
  static String visibleCreator(Caller caller) {
    requireImporter(caller);
    return caller.isAdmin() ? null : caller.id();
  }

  private static boolean hasImportPermission() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication != null && authentication.getAuthorities().stream()
        .anyMatch(a -> Caller.IMPORT_PERMISSION.equals(a.getAuthority()));
  }
}
