package io.leadflow.identity;

import io.leadflow.directory.TeamDirectory;
import io.leadflow.system.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The first admin comes from the environment (LEADFLOW_ADMIN_USER, LEADFLOW_ADMIN_PASSWORD), never
 * from a default. With neither set nobody can log in to the webapps until an admin is configured:
 * Camunda's open "create first admin" page is closed by SecurityConfig.
 */
@Component
@Order(0)
class FirstAdmin implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

  private final TeamDirectory directory;
  private final Roles roles;
  private final String userId;
  private final String password;

  FirstAdmin(TeamDirectory directory, Roles roles,
      @Value("${leadflow.admin.user:}") String userId,
      @Value("${leadflow.admin.password:}") String password) {
    this.directory = directory;
    this.roles = roles;
    this.userId = userId;
    this.password = password;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (userId.isBlank() || password.isBlank()) {
      log.warn("No first admin configured (LEADFLOW_ADMIN_USER / LEADFLOW_ADMIN_PASSWORD)");
      return;
    }
    directory.ensureGroup(Caller.ADMINS, "Camunda BPM Administrators", "SYSTEM");
    directory.ensureUser(userId, "Admin", "LeadFlow", null, password);
    directory.ensureMember(userId, Caller.ADMINS);
    roles.grantAdmin(Caller.ADMINS);
  }
}
