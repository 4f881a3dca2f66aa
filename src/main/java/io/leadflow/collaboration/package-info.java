/**
 * Cross-team collaboration: a lead's tags ask other teams for help (decisions/
 * LeadCollaboration.dmn says which tag makes which team's task, due when); the owner hears when
 * it is done. Modelled in LeadLifecycle.bpmn as SubProcess_Tagged.
 */
package io.leadflow.collaboration;
