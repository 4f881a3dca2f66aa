/**
 * Camunda engine plugins: deploying the models at start-up, keeping which decision rules matched
 * on the running instance, asking a decision without recording it, the engine's CPU tuning, extra
 * indexes and JSON type names; client errors of Camunda's REST API as 4xx, the database out of
 * reach as 503 (the shared kernel's rule).
 */
@ApplicationModule(displayName = "Engine", allowedDependencies = {"system"})
package io.leadflow.engine;

import org.springframework.modulith.ApplicationModule;
