/**
 * The public pool (公海池): reclaiming a lead whose SLA ran out, pooling, claims through the API and
 * Tasklist with one check, the pool's rules, and leads that leave it unclaimed.
 */
@ApplicationModule(displayName = "Pool", allowedDependencies = {"lead", "models", "lifecycle", "directory", "system"})
package io.leadflow.pool;

import org.springframework.modulith.ApplicationModule;
