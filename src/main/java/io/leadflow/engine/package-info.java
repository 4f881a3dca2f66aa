/**
 * Camunda engine plugins: deploying the models at start-up, keeping which decision rules matched
 * on the running instance, asking a decision without recording it, the engine's CPU tuning, extra
 * indexes and JSON type names. Depends on nothing of LeadFlow's.
 */
@ApplicationModule(displayName = "Engine", allowedDependencies = {})
package io.leadflow.engine;

import org.springframework.modulith.ApplicationModule;
