/**
 * What happens to a lead after intake: starting its LeadLifecycle, behaviour that re-scores it,
 * contacts, tags, closing and reassignment (API and Tasklist), the follow-up SLA with its working
 * calendar, and the service tasks that move it through its stages.
 */
@ApplicationModule(displayName = "Lifecycle", allowedDependencies = {"lead", "models", "collaboration", "directory", "system"})
package io.leadflow.lifecycle;

import org.springframework.modulith.ApplicationModule;
