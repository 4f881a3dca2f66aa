/**
 * Cross-team collaboration: a lead's tags ask other teams for help (decisions/
 * LeadCollaboration.dmn says which tag makes which team's task, due when); the owner hears when it
 * is done. Modelled in LeadLifecycle.bpmn as SubProcess_Tagged.
 */
@ApplicationModule(displayName = "Collaboration", allowedDependencies = {"lead", "models", "engine"})
package io.leadflow.collaboration;

import org.springframework.modulith.ApplicationModule;
