/**
 * Authentication (HTTP Basic against Camunda's users, API keys for integrations) and
 * authorization: the Camunda grants behind LeadFlow's roles, the team managers' grants of their
 * team's tasks, the Tasklist filters, the first admin.
 */
@ApplicationModule(displayName = "Identity", allowedDependencies = {"directory", "models", "system"})
package io.leadflow.identity;

import org.springframework.modulith.ApplicationModule;
