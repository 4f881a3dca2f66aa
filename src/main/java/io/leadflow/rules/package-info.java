/**
 * Changing the rules safely: back-tests of a candidate routing or scoring table on the history of
 * past leads (their facts at intake, replayed through the candidate and the version that ran,
 * nothing deployed or written), the checks every new table passes before it goes live (also from
 * Camunda Modeler through {@code /engine-rest}: {@link io.leadflow.engine.DeploymentGuard}), the
 * deployed versions with who deployed them and how many leads each decided, a diff cell by cell,
 * and the one-step restore of an earlier version. {@code /api/rules}, the page
 * {@code /app/rules.html}; docs/rules.md.
 */
@ApplicationModule(displayName = "Rules", allowedDependencies = {"engine", "lead", "models",
    "routing", "assignment", "directory", "lifecycle", "system"})
package io.leadflow.rules;

import org.springframework.modulith.ApplicationModule;
