/**
 * What reps and managers read in Tasklist: every LeadFlow task's columns (company, contact, score,
 * region, SLA due), its labels for the forms (team and pool names, reasons, local times, phones,
 * names) and a description saying which lead and what to do.
 */
@ApplicationModule(displayName = "Tasklist", allowedDependencies = {"directory", "models", "system"})
package io.leadflow.tasklist;

import org.springframework.modulith.ApplicationModule;
