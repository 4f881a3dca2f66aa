/**
 * Picks the rep of a team who gets a lead (round-robin, load-balanced, weighted), with the team's
 * fairness state locked in the database, and starts the owner's follow-up SLA.
 */
@ApplicationModule(displayName = "Assignment", allowedDependencies = {"lead", "models", "lifecycle", "directory"})
package io.leadflow.assignment;

import org.springframework.modulith.ApplicationModule;
