/**
 * {@code POST /api/leads}: validates and normalises a lead, de-duplicates it against open leads,
 * stores it and starts its lifecycle, in one transaction. Other channels that take leads in (bulk
 * import) sit beside it and take the same path.
 */
@ApplicationModule(displayName = "Intake", allowedDependencies = {"lead", "lifecycle", "system"})
package io.leadflow.intake;

import org.springframework.modulith.ApplicationModule;
