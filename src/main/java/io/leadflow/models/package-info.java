/**
 * The contract with the analysts' models in {@code processes/} and {@code decisions/}: one class
 * per model with its key, the element ids and message names Java uses, the process variables, and
 * the decision tables' inputs and outputs; plus reading what a Camunda Form sent ({@link
 * io.leadflow.models.Forms}). Depends on nothing of LeadFlow's.
 */
@ApplicationModule(displayName = "Model contracts", allowedDependencies = {})
package io.leadflow.models;

import org.springframework.modulith.ApplicationModule;
