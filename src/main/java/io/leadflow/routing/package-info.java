/**
 * Reads the routing decision's result ({@link io.leadflow.routing.RoutingOutcome}: checked, with
 * fallbacks, never trusted) and records on the lead which rule sent it where and why.
 */
@ApplicationModule(displayName = "Routing", allowedDependencies = {"lead", "models", "engine", "assignment"})
package io.leadflow.routing;

import org.springframework.modulith.ApplicationModule;
