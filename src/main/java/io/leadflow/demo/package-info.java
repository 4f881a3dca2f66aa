/**
 * The demo: teams, reps, managers, staff, an analyst and an API key, only in the {@code demo}
 * profile.
 */
@ApplicationModule(displayName = "Demo", allowedDependencies = {"directory", "identity", "system"})
package io.leadflow.demo;

import org.springframework.modulith.ApplicationModule;
