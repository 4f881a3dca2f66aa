/**
 * Teams and reps: Camunda's users and groups with LeadFlow's rep profiles (availability, capacity,
 * weight, skills, regions) and contacts (mobile, chat ids, language); {@code /api/teams} and
 * {@code /api/reps}.
 */
@ApplicationModule(displayName = "Directory", allowedDependencies = {"lead", "models", "system"})
package io.leadflow.directory;

import org.springframework.modulith.ApplicationModule;
