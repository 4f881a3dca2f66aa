/**
 * Records the scoring decision's result on the lead: the score and the rules that made it.
 */
@ApplicationModule(displayName = "Scoring", allowedDependencies = {"lead", "models", "engine"})
package io.leadflow.scoring;

import org.springframework.modulith.ApplicationModule;
